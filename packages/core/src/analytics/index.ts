// Clinic analytics from plain rows: the reference implementation of the figures the server serves.
export * from './proportion-interval';
export * from './summarise-outcomes';
