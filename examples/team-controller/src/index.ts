export { CONFIG_MAP_NAME, FIELD_MANAGER, TEAM_LABEL, type TeamController, type TeamControllerOptions, retryDelayMs, startTeamController } from './controller.js';
export { WorkQueue } from './work-queue.js';
