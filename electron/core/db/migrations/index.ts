/** Every migration, in order. Listed explicitly (no glob) so a bundle carries them and the order is reviewed. */
import { Foundation1700000000001 } from './0001-foundation';

export const MIGRATIONS = [Foundation1700000000001];
