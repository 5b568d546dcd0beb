/** Backups of the SQLite store and restoring them (README, "Back it up"). No Electron here: the CLI and the shell use it. */
export { createBackup, sqliteStoreOf, type BackupOptions, type BackupResult } from './backup';
export { BackupError, type BackupErrorCode } from './errors';
export { BACKUP_NAME, SAFETY_PREFIX, backupFileName, backupTimeOf, backupsDirOf } from './files';
export { hasSqliteHeader, type TableCount } from './inspect';
export {
  checkDatabaseFile,
  prepareRestore,
  restoreBackup,
  type BackupCheck,
  type PreparedRestore,
  type RestoreOptions,
  type RestoreResult,
} from './restore';
export {
  DEFAULT_KEEP_DAYS,
  MAX_KEEP_DAYS,
  MIN_KEEP_DAYS,
  parseKeepDays,
  planBackups,
  type BackupPlan,
  type BackupPlanInput,
} from './retention';
