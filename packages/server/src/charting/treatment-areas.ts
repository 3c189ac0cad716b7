// The areas a session can treat, charted by id. Kept with the charting capability until the core
// catalog has an anatomical one; ids are stable (charts store them), names are for display.

export type AreaRegion = 'face' | 'scalp' | 'joint' | 'body';

export interface TreatmentArea {
  id: string;
  region: AreaRegion;
  name: string;
  /** A paired structure: the chart must say left, right or both. */
  sided: boolean;
}

const area = (id: string, region: AreaRegion, name: string, sided = false): TreatmentArea => ({
  id,
  region,
  name,
  sided,
});

export const TREATMENT_AREAS: readonly TreatmentArea[] = [
  area('face-full', 'face', 'Full face'),
  area('forehead', 'face', 'Forehead'),
  area('glabella', 'face', 'Glabella'),
  area('periorbital', 'face', 'Periorbital', true),
  area('temple', 'face', 'Temple', true),
  area('nose', 'face', 'Nose'),
  area('cheek', 'face', 'Cheek', true),
  area('nasolabial', 'face', 'Nasolabial fold', true),
  area('perioral', 'face', 'Perioral'),
  area('lips', 'face', 'Lips'),
  area('chin', 'face', 'Chin'),
  area('jawline', 'face', 'Jawline', true),
  area('neck', 'face', 'Neck'),
  area('decolletage', 'face', 'Décolletage'),
  area('scalp-frontal', 'scalp', 'Frontal hairline'),
  area('scalp-mid', 'scalp', 'Mid-scalp'),
  area('scalp-vertex', 'scalp', 'Vertex (crown)'),
  area('scalp-temporal', 'scalp', 'Temporal scalp', true),
  area('scalp-parietal', 'scalp', 'Parietal scalp', true),
  area('scalp-occipital', 'scalp', 'Occipital scalp'),
  area('knee', 'joint', 'Knee', true),
  area('hip', 'joint', 'Hip', true),
  area('shoulder', 'joint', 'Shoulder', true),
  area('elbow', 'joint', 'Elbow', true),
  area('wrist', 'joint', 'Wrist', true),
  area('hand', 'joint', 'Hand joints', true),
  area('ankle', 'joint', 'Ankle', true),
  area('hand-dorsum', 'body', 'Back of the hand', true),
  area('abdomen', 'body', 'Abdomen'),
  area('thigh', 'body', 'Thigh', true),
  area('upper-arm', 'body', 'Upper arm', true),
  area('back', 'body', 'Back'),
];

const byId = new Map(TREATMENT_AREAS.map((a) => [a.id, a]));

export function findArea(id: string): TreatmentArea | undefined {
  return byId.get(id);
}

export const AREA_SIDES = ['left', 'right', 'both'] as const;
export type AreaSide = (typeof AREA_SIDES)[number];

/** Problems with one charted area: unknown, or a side missing for a paired one (or given for a single). */
export function areaProblem(areaId: string, side: AreaSide | undefined | null): string | null {
  const a = byId.get(areaId);
  if (!a) return `'${areaId}' is not a treatment area of the catalog`;
  if (a.sided && !side) return `${a.name} is paired: say left, right or both`;
  if (!a.sided && side) return `${a.name} has no side`;
  return null;
}
