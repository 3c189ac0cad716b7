import type { Minutes, ModalityId, Range, Route, Sourced } from '../types';

export type ResourceKind = 'practitioner' | 'room' | 'device';
export type DeviceType = 'microneedling-pen' | 'laser' | 'radiofrequency' | 'infusion-pump';
export type SegmentKind = 'preparation' | 'procedure' | 'observation';

export interface ResourceNeed {
  kind: ResourceKind;
  /** For devices: which type of device the segment needs. */
  deviceType?: DeviceType;
}

export interface SessionSegment extends Sourced {
  kind: SegmentKind;
  label: string;
  minutes: Range<Minutes>;
  needs: ResourceNeed[];
}

export interface Modality {
  id: ModalityId;
  name: string;
  route: Route;
  /** Breaks the skin with needles or injects: matters for keloid screening and cosmetic rules. */
  needle: boolean;
  /** Uses a laser: matters for darker skin types. */
  laser: boolean;
  segments: SessionSegment[];
  /** Whole-session length as the sources give it (the segments add up to this). */
  sessionMinutes: Range<Minutes> & Sourced;
  /** A safer choice for the same goal when this modality is limited for the patient. */
  nonLaserAlternative?: ModalityId;
}

const m = (min: number, max: number) => ({ min: min as Minutes, max: max as Minutes });
const ROOM: ResourceNeed = { kind: 'room' };
const PRACTITIONER: ResourceNeed = { kind: 'practitioner' };
const device = (deviceType: DeviceType): ResourceNeed => ({ kind: 'device', deviceType });

// Segment lengths: numbing 20–30 min and procedure 15–45 min are S3's general figures; where a
// modality's total is given (S3: 60–90 for needling and devices, 45–60 for scalp injections) the
// procedure and observation parts are sized inside S3's ranges so that they add up to that total.
// Observation has no figure in the sources ("varies"): its span is an Exoclinic default.
const numbing = (min = 20, max = 30): SessionSegment => ({
  kind: 'preparation',
  label: 'Preparation and numbing cream',
  minutes: m(min, max),
  needs: [ROOM],
  sources: ['S3'],
});
const observation = (min: number, max: number): SessionSegment => ({
  kind: 'observation',
  label: 'Observation after the procedure',
  minutes: m(min, max),
  needs: [ROOM],
  sources: ['S3', 'EXOCLINIC-MODEL'],
});

export const MODALITIES: readonly Modality[] = [
  {
    id: 'microneedling-topical',
    name: 'Microneedling with topical exosomes',
    route: 'topical-after-needling',
    needle: true,
    laser: false,
    segments: [
      numbing(),
      {
        kind: 'procedure',
        label: 'Microneedling and exosome application',
        minutes: m(30, 45),
        needs: [PRACTITIONER, ROOM, device('microneedling-pen')],
        sources: ['S3', 'EXOCLINIC-MODEL'],
      },
      observation(10, 15),
    ],
    sessionMinutes: { ...m(60, 90), sources: ['S3'] },
  },
  {
    id: 'laser-topical',
    name: 'Laser treatment with topical exosomes',
    route: 'topical-after-device',
    needle: false,
    laser: true,
    segments: [
      numbing(),
      {
        kind: 'procedure',
        label: 'Laser pass and exosome application',
        minutes: m(30, 45),
        needs: [PRACTITIONER, ROOM, device('laser')],
        sources: ['S3', 'EXOCLINIC-MODEL'],
      },
      observation(10, 15),
    ],
    sessionMinutes: { ...m(60, 90), sources: ['S3'] },
    nonLaserAlternative: 'microneedling-topical',
  },
  {
    id: 'radiofrequency-topical',
    name: 'Radiofrequency treatment with topical exosomes',
    route: 'topical-after-device',
    needle: false,
    laser: false,
    segments: [
      numbing(),
      {
        kind: 'procedure',
        label: 'Radiofrequency pass and exosome application',
        minutes: m(30, 45),
        needs: [PRACTITIONER, ROOM, device('radiofrequency')],
        sources: ['S3', 'EXOCLINIC-MODEL'],
      },
      observation(10, 15),
    ],
    sessionMinutes: { ...m(60, 90), sources: ['S3'] },
  },
  {
    id: 'intradermal-injection',
    name: 'Micro-injection of exosomes into the skin',
    route: 'intradermal',
    needle: true,
    laser: false,
    segments: [
      numbing(),
      {
        kind: 'procedure',
        label: 'Intradermal micro-injections',
        minutes: m(15, 30),
        needs: [PRACTITIONER, ROOM],
        sources: ['S3'],
      },
      observation(10, 15),
    ],
    // S4 names the route without a length; S3's overall 30–90 minutes bounds it.
    sessionMinutes: { ...m(45, 75), sources: ['S3', 'S4', 'EXOCLINIC-MODEL'] },
  },
  {
    id: 'scalp-injection',
    name: 'Scalp injections of exosomes',
    route: 'intradermal',
    needle: true,
    laser: false,
    segments: [
      numbing(),
      {
        kind: 'procedure',
        label: 'Scalp injections',
        minutes: m(15, 20),
        needs: [PRACTITIONER, ROOM],
        sources: ['S3', 'EXOCLINIC-MODEL'],
      },
      observation(10, 10),
    ],
    sessionMinutes: { ...m(45, 60), sources: ['S3'] },
  },
  {
    id: 'intra-articular-injection',
    name: 'Injection into a joint or tendon',
    route: 'intra-articular',
    needle: true,
    laser: false,
    segments: [
      {
        kind: 'preparation',
        label: 'Preparation and local anaesthesia',
        minutes: m(10, 15),
        needs: [ROOM],
        sources: ['EXOCLINIC-MODEL'],
      },
      {
        kind: 'procedure',
        label: 'Intra-articular or peri-tendinous injection',
        minutes: m(15, 30),
        needs: [PRACTITIONER, ROOM],
        sources: ['S3'],
      },
      observation(15, 30),
    ],
    sessionMinutes: { ...m(40, 75), sources: ['S3', 'EXOCLINIC-MODEL'] },
  },
  {
    id: 'iv-infusion',
    name: 'Intravenous infusion of exosomes',
    route: 'intravenous',
    needle: true,
    laser: false,
    segments: [
      {
        kind: 'preparation',
        label: 'Preparation and cannulation',
        minutes: m(10, 15),
        needs: [PRACTITIONER, ROOM],
        sources: ['EXOCLINIC-MODEL'],
      },
      {
        kind: 'procedure',
        label: 'Infusion',
        minutes: m(30, 45),
        needs: [ROOM, device('infusion-pump')],
        sources: ['S3'],
      },
      observation(15, 30),
    ],
    sessionMinutes: { ...m(55, 90), sources: ['S3', 'EXOCLINIC-MODEL'] },
  },
];

const byId = new Map(MODALITIES.map((x) => [x.id, x]));

export function findModality(id: ModalityId): Modality | undefined {
  return byId.get(id);
}
