export { type Clock, realClock } from './clock.js';
export { BEHAVIOUR, parseDuration } from './pod-behaviour.js';
export { DEFAULT_NODE_COUNT, type SimulatedNode } from './nodes.js';
export { podTemplateHash } from './pod-template-hash.js';
export { CONTROLLER_NAMES, type ControllerName, type ControllersOptions, type RunningControllers, parseControllerList, startControllers } from './start-controllers.js';
export { type LeaderElection, type LeaderElectionOptions, electLeader } from './leader-election.js';
