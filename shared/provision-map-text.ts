/**
 * The provision map's figures in words, the same on the screen, in the CSV and in print (issue 18, item 2). Pure.
 */
import type { Effectiveness } from './contract';
import { t } from './i18n';

/** "2.5" hours: at most two decimal places, no trailing zeros. */
export function hoursText(h: number): string {
  return h.toLocaleString('en-GB', { maximumFractionDigits: 2 });
}

/** A change with its sign: "+4.5", "-1", "0". */
export function signedChange(n: number): string {
  const s = n.toLocaleString('en-GB', { maximumFractionDigits: 2 });
  return n > 0 ? `+${s}` : s;
}

/** The provision's effectiveness: its measure and GAS changes (each with how many pupils' places it rests on), or "not yet measured". */
export function effectivenessLines(e: Effectiveness, short = false): string[] {
  const out: string[] = [];
  if (e.measure && e.measure.meanChange !== null) {
    out.push(
      t(`provisionMapUi.effectiveness.${short ? 'measureShort' : 'measure'}`, {
        name: e.measure.name,
        change: signedChange(e.measure.meanChange),
        count: e.measure.placements,
      }),
    );
  }
  if (e.gas.meanChange !== null)
    out.push(
      t(`provisionMapUi.effectiveness.${short ? 'gasShort' : 'gas'}`, { change: signedChange(e.gas.meanChange), count: e.gas.placements }),
    );
  return out.length ? out : [t('provisionMapUi.effectiveness.none')];
}
