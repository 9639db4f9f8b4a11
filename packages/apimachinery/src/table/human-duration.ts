/*
 * The durations the server prints in AGE cells: k8s.io/apimachinery/pkg/util/duration/duration.go
 * (v0.35) and translateTimestampSince of k8s.io/kubernetes/pkg/printers/internalversion.
 * Durations are in milliseconds; Go truncates toward zero, so do these.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * HumanDuration: ~2-3 significant figures. `0s`…`119s`, `2m`…`9m59s`, `10m`…`179m`,
 * `3h`…`7h59m`, `8h`…`47h`, `2d`…`7d23h`, `8d`…`729d`, `2y`…`7y364d`, then `8y`.
 * Up to a second in the future is `0s`; further is `<invalid>`.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const dy = days % 365;
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${years}y`;
}

/** ShortHumanDuration: one unit only (`45s`, `3m`, `5h`, `12d`, `2y`). */
export function shortHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/**
 * translateTimestampSince: the AGE of an RFC 3339 timestamp at `now` (ms since the epoch or a
 * Date), `<unknown>` when the timestamp is missing or unreadable.
 */
export function translateTimestampSince(timestamp: string | null | undefined, now: number | Date = Date.now()): string {
  if (!timestamp) return '<unknown>';
  const at = Date.parse(timestamp);
  if (Number.isNaN(at)) return '<unknown>';
  return humanDuration((typeof now === 'number' ? now : now.getTime()) - at);
}
