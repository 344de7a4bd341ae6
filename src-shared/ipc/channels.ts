import type { EventChannel, InvokeChannel } from './contract';

// Names only, no runtime dependencies: the sandboxed preload imports this to refuse unknown
// channels. `satisfies Record<…, true>` makes a channel missing here a compile error.

export const INVOKE_CHANNELS = {
  'app:info': true,
  'presets:list': true,
  'config:validate': true,
  'data:sample': true,
  'runs:start': true,
  'runs:cancel': true,
  'runs:active': true,
  'runs:list': true,
  'runs:get': true,
  'runs:steps': true,
  'runs:finals': true,
  'runs:artifacts': true,
  'runs:artifact': true,
  'runs:blockMasses': true,
  'runs:update': true,
  'runs:trash': true,
  'runs:restore': true,
  'runs:purge': true,
  'experiments:list': true,
  'experiments:update': true,
  'bundles:export': true,
  'bundles:import': true,
  'partitions:list': true,
  'partitions:save': true,
  'partitions:get': true,
  'partitions:update': true,
  'partitions:delete': true,
  'schedules:list': true,
  'schedules:save': true,
  'schedules:get': true,
  'schedules:update': true,
  'schedules:delete': true,
  'instruments:presets': true,
  'instruments:start': true,
  'instruments:cancel': true,
  'instruments:active': true,
  'figures:record': true,
  'figures:export': true,
  'figures:list': true,
  'figures:delete': true,
} as const satisfies Record<InvokeChannel, true>;

export const EVENT_CHANNELS = {
  'runs:started': true,
  'runs:progress': true,
  'runs:recorded': true,
  'runs:frame': true,
  'runs:preview': true,
  'runs:finished': true,
  'runs:changed': true,
  'instruments:started': true,
  'instruments:progress': true,
  'instruments:finished': true,
  'menu:clicked': true,
} as const satisfies Record<EventChannel, true>;

/**
 * Whether `name` is an invoke channel of the contract (own keys only, so `'toString'` is not one).
 *
 * @example
 * isInvokeChannel('runs:start') // → true
 * isInvokeChannel('constructor') // → false
 */
export function isInvokeChannel(name: unknown): name is InvokeChannel {
  return typeof name === 'string' && Object.hasOwn(INVOKE_CHANNELS, name);
}

/**
 * Whether `name` is an event channel of the contract.
 *
 * @example
 * isEventChannel('runs:progress') // → true
 * isEventChannel('runs:start') // → false
 */
export function isEventChannel(name: unknown): name is EventChannel {
  return typeof name === 'string' && Object.hasOwn(EVENT_CHANNELS, name);
}
