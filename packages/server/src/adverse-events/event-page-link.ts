/**
 * The staff web page of an adverse event: the patient's chart on its adverse-events tab with the
 * event open (the web route `/patients/:patientId?tab=adverse-events&ae=<id>`). Mails link there,
 * behind sign-in, never to the JSON API.
 */
export function adverseEventPageLink(publicBaseUrl: string, patientId: string, eventId: string): string {
  const query = new URLSearchParams({ tab: 'adverse-events', ae: eventId });
  return `${publicBaseUrl.replace(/\/+$/, '')}/patients/${encodeURIComponent(patientId)}?${query}`;
}
