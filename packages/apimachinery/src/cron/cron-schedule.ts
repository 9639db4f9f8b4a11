/*
 * Standard cron schedules as cron.ParseStandard (github.com/robfig/cron/v3 parser.go) reads them:
 * five fields or a descriptor, ranges, steps and names. The CronJob validation prints its errors
 * as is; the CronJob controller asks for the next time.
 */

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTHS = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DAYS = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

const FIELDS: Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS },
  { min: 0, max: 6, names: DAYS },
];

class CronError extends Error {}

/** mustParseInt: strconv.Atoi's error wording included. */
function parseInt10(text: string): number {
  if (!/^[+-]?[0-9]+$/.test(text)) {
    throw new CronError(`failed to parse int from ${text}: strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`);
  }
  const value = Number(text);
  if (value < 0) throw new CronError(`negative number (${value}) not allowed: ${text}`);
  return value;
}

function parseIntOrName(text: string, names: Record<string, number> | undefined): number {
  const named = names?.[text.toLowerCase()];
  return named !== undefined ? named : parseInt10(text);
}

/** getRange: `*`, `?`, `a`, `a-b`, each with an optional `/step`; the values it selects. */
function parseRange(expression: string, bounds: Bounds): number[] {
  const rangeAndStep = expression.split('/');
  const lowAndHigh = (rangeAndStep[0] ?? '').split('-');
  let start: number;
  let end: number;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = bounds.min;
    end = bounds.max;
  } else {
    start = parseIntOrName(lowAndHigh[0] ?? '', bounds.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1] ?? '', bounds.names);
    else throw new CronError(`too many hyphens: ${expression}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = parseInt10(rangeAndStep[1] ?? '');
    // "N/step" means "N-max/step".
    if (lowAndHigh.length === 1 && lowAndHigh[0] !== '*' && lowAndHigh[0] !== '?') end = bounds.max;
  } else if (rangeAndStep.length > 2) {
    throw new CronError(`too many slashes: ${expression}`);
  }
  if (start < bounds.min) throw new CronError(`beginning of range (${start}) below minimum (${bounds.min}): ${expression}`);
  if (end > bounds.max) throw new CronError(`end of range (${end}) above maximum (${bounds.max}): ${expression}`);
  if (start > end) throw new CronError(`beginning of range (${start}) beyond end of range (${end}): ${expression}`);
  if (step === 0) throw new CronError(`step of range should be a positive number: ${expression}`);
  const values: number[] = [];
  for (let value = start; value <= end; value += step) values.push(value);
  return values;
}

/** When a schedule fires: `next(after)` is the first firing strictly after `after` (UTC). */
export interface CronSchedule {
  next(after: number): number;
}

const DESCRIPTOR_SPECS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const DURATION_UNITS_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Four years of minutes: a schedule that fires in none of them (31 February) never fires. */
const SEARCH_LIMIT_MINUTES = 4 * 366 * 24 * 60;

function fieldSchedule(fields: string[]): CronSchedule {
  const sets = fields.map((field, i) => new Set(field.split(',').filter(Boolean).flatMap((expression) => parseRange(expression, FIELDS[i]!))));
  const [minutes, hours, days, months, weekdays] = sets as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];
  // robfig/cron: when both day fields are restricted, a day matching either fires.
  const anyDay = (field: string) => field.startsWith('*') || field.startsWith('?');
  const bothRestricted = !anyDay(fields[2]!) && !anyDay(fields[4]!);
  const dayMatches = (date: Date) => {
    const inMonth = days.has(date.getUTCDate());
    const inWeek = weekdays.has(date.getUTCDay()) || (date.getUTCDay() === 0 && weekdays.has(7));
    return bothRestricted ? inMonth || inWeek : inMonth && inWeek;
  };
  return {
    next(after) {
      const date = new Date(Math.floor(after / 60_000) * 60_000 + 60_000);
      for (let step = 0; step < SEARCH_LIMIT_MINUTES; step++) {
        if (!months.has(date.getUTCMonth() + 1)) {
          date.setUTCMonth(date.getUTCMonth() + 1, 1);
          date.setUTCHours(0, 0, 0, 0);
        } else if (!dayMatches(date)) {
          date.setUTCDate(date.getUTCDate() + 1);
          date.setUTCHours(0, 0, 0, 0);
        } else if (!hours.has(date.getUTCHours())) {
          date.setUTCHours(date.getUTCHours() + 1, 0, 0, 0);
        } else if (!minutes.has(date.getUTCMinutes())) {
          date.setUTCMinutes(date.getUTCMinutes() + 1, 0, 0);
        } else {
          return date.getTime();
        }
      }
      return Infinity;
    },
  };
}

/** Parses a standard cron schedule (in UTC; a `TZ=`/`CRON_TZ=` prefix is read but not applied); throws with the parser's message. */
export function parseCronSchedule(schedule: string): CronSchedule {
  let spec = schedule.trim();
  if (spec.length === 0) throw new CronError('empty spec string');
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const space = spec.indexOf(' ');
    spec = space < 0 ? '' : spec.slice(space).trim();
  }
  if (spec.startsWith('@')) {
    const described = DESCRIPTOR_SPECS[spec];
    if (described) return fieldSchedule(described.split(' '));
    if (spec.startsWith('@every ')) {
      const duration = spec.slice('@every '.length);
      if (!/^([0-9]*(\.[0-9]*)?(ns|us|µs|ms|s|m|h))+$/.test(duration) || !/[0-9]/.test(duration)) {
        throw new CronError(`failed to parse duration ${spec}: time: invalid duration ${JSON.stringify(duration)}`);
      }
      const every = [...duration.matchAll(/([0-9]*(?:\.[0-9]*)?)(ns|us|µs|ms|s|m|h)/g)].reduce((total, [, amount, unit]) => total + Number(amount) * DURATION_UNITS_MS[unit!]!, 0);
      // ConstantDelaySchedule: rounded to whole seconds, at least one.
      const period = Math.max(1000, Math.floor(every / 1000) * 1000);
      return { next: (after) => Math.floor(after / 1000) * 1000 + period };
    }
    throw new CronError(`unrecognized descriptor: ${spec}`);
  }
  const fields = spec.split(/\s+/).filter(Boolean);
  if (fields.length !== 5) throw new CronError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  return fieldSchedule(fields);
}

/** The parse error of a standard cron schedule, or undefined when it parses. */
export function cronScheduleError(schedule: string): string | undefined {
  try {
    parseCronSchedule(schedule);
    return undefined;
  } catch (error) {
    if (error instanceof CronError) return error.message;
    throw error;
  }
}
