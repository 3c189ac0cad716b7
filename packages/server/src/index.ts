export { type Db, type DbConfig, openDatabase } from './db/connect';
export { migrateToLatest } from './db/migrate';
export { type AppOptions, buildApp } from './http/app';
