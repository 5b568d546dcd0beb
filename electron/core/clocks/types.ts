/**
 * The clocks' inputs and outputs. The definitions live in shared/clock-types.ts, because the contract returns
 * clock items to the renderer; this module re-exports them for the engine.
 */
export * from '../../../shared/clock-types';
