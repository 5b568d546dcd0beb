/**
 * The provision map's outputs (issue 18, item 2): the map as CSV, printed on A4 for governors, and one pupil's
 * funding request printed on A4. All read the map through the same service as the screen
 * (electron/core/services/provision-map.ts), so what is printed or exported is what the screen shows.
 *
 * Need-to-know, in the contract: the two prints are about money and are the SENCo's and headteacher's alone (COSTS).
 * The CSV names pupils, so it is for those who manage the school's provision (the SENCo, the headteacher and the
 * therapy lead): its cost columns are there only for the SENCo and headteacher, as on the screen.
 */
import { z } from 'zod';
import { op } from './define';
import { id } from '../validation';
import { mapInput } from './provision';

export interface MapFile {
  readonly filename: string;
}

/** The map's filters, without a pupil or a grouping: the governors' print is by provision and names no pupil. */
export const governorsPrintInput = mapInput.omit({ pupilId: true, groupBy: true });
/** The CSV has a row per pupil's place; the screen's filters apply (a grouping does not change the rows). */
export const mapCsvInput = mapInput.omit({ groupBy: true });
export const fundingPrintInput = z.object({ pupilId: id, academicYear: mapInput.shape.academicYear }).strict();

const COSTS = ['senco', 'headteacher'] as const;
/** Who may take the map's pupils away as a spreadsheet: those who manage the school's provision. */
const CSV_EXPORTERS = ['senco', 'therapy_lead', 'headteacher'] as const;

export const provisionMapOps = {
  /** The map as CSV (UTF-8 with a byte-order mark, spreadsheet formulas defused): a row per pupil's place on a provision. */
  'provision.map.csv': op<MapFile & { readonly csv: string; readonly rows: number }>()({
    input: mapCsvInput,
    access: CSV_EXPORTERS,
    kind: 'read',
    audit: true,
  }),
  /** The map printed for governors: by provision, with totals, and no pupil named. */
  'provision.map.pdf': op<MapFile & { readonly pdfBase64: string; readonly pages: number }>()({
    input: governorsPrintInput,
    access: COSTS,
    kind: 'read',
    audit: true,
  }),
  /** One pupil's costed provision printed as a top-up funding request: provision, hours, cost, and the amount above the threshold. */
  'provision.funding.pdf': op<MapFile & { readonly pdfBase64: string; readonly pages: number }>()({
    input: fundingPrintInput,
    access: COSTS,
    kind: 'read',
    audit: true,
  }),
} as const;
