// Safety: reading reported adverse events against the catalog (duration, alerts, delayed onset).
export * from './assess-adverse-event';
