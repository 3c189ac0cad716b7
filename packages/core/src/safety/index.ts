// Safety: reading reported adverse events against the catalog (duration, alerts, delayed onset).

export * from './adverse-event-terms';
export * from './assess-adverse-event';
