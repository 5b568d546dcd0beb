import { describe, expect, it } from 'vitest';
import { mapViewToInput, mapViewToParams, parseMapView } from './map-params';

const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('the provision map’s address', () => {
  it('round-trips every filter and drops what is not one of the choices', () => {
    const view = parseMapView(new URLSearchParams(`sy=2026/27&year=7&class=7B&need=SLCN&wave=targeted&provision=${ID}&group=class`));
    expect(view).toEqual({
      academicYear: '2026/27',
      yearGroup: '7',
      className: '7B',
      need: 'SLCN',
      wave: 'targeted',
      provisionId: ID,
      groupBy: 'class',
    });
    expect(parseMapView(mapViewToParams(view))).toEqual(view);
    expect(mapViewToInput(view)).toEqual({
      academicYear: '2026/27',
      yearGroup: '7',
      className: '7B',
      need: 'SLCN',
      wave: 'targeted',
      provisionId: ID,
      groupBy: 'class',
    });
    expect(parseMapView(new URLSearchParams('sy=next&year=99&need=XYZ&wave=big&provision=lego&group=whim'))).toEqual({
      academicYear: null,
      yearGroup: null,
      className: null,
      need: null,
      wave: null,
      provisionId: null,
      groupBy: 'provision',
    });
  });

  it('never carries a pupil: no pupil id, name or UPN is read from or written to it', () => {
    const view = parseMapView(new URLSearchParams(`pupil=${ID}&q=Amara&upn=A123&name=Amara`));
    expect(Object.values(view)).not.toContain(ID);
    expect(mapViewToParams(view).toString()).toBe('');
    expect(mapViewToParams({ ...view, groupBy: 'pupil' }).toString()).toBe('group=pupil');
    expect([...mapViewToParams({ ...view, className: '5S', yearGroup: '5' }).keys()].sort()).toEqual(['class', 'year']);
  });
});
