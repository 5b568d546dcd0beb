export * from './generate';
export * from './load';
export { createRng, seedFrom, type Rng } from './prng';
