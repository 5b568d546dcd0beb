/**
 * Need-to-know access through the real transport (the test host's /api/invoke, as the renderer uses it): a
 * teacher's direct request for clinical notes and assessments is refused by the dispatcher, not only hidden.
 */
import { expect, test, type Page } from '@playwright/test';
import { makeUpn } from '../shared/upn';
import { invokeApi, origin, signIn, URL_WITH_TOKEN } from './fixtures';

async function raw(page: Page, op: string, input: unknown, session: string | null) {
  const token = new URL(URL_WITH_TOKEN).searchParams.get('token');
  const res = await page.request.post(`${origin()}/api/invoke`, {
    headers: { authorization: `Bearer ${token}` },
    data: { op, input, session },
  });
  return (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}

test("a teacher asking the transport directly for assessments or a session's notes is refused", async ({ page }) => {
  await signIn(page);
  const stamp = Date.now() % 1000;
  const created = await invokeApi<{ id: string }>(page, 'pupils.create', {
    upn: makeUpn(802, 2000, 24, stamp),
    legalFirstName: 'Quinn',
    legalLastName: 'Roles-Test',
    dateOfBirth: '2016-05-04',
    yearGroup: '5',
    className: '5R',
    dateJoined: '2021-09-01',
    senStatus: 'K',
    needs: ['SLCN'],
    contacts: [],
  });
  expect(created.ok, JSON.stringify(created.error)).toBe(true);
  const username = `teacher.${stamp}`;
  const password = 'a long enough password';
  const teacher = await invokeApi<{ id: string }>(page, 'users.create', {
    displayName: 'Terry Teacher',
    username,
    role: 'teacher',
    password,
  });
  expect(teacher.ok, JSON.stringify(teacher.error)).toBe(true);
  // A teacher reaches only the pupils in their classes (record scope): this pupil is in 5R.
  expect((await invokeApi(page, 'users.setClasses', { id: teacher.value!.id, classes: ['5R'] })).ok).toBe(true);
  const signed = await raw(page, 'auth.signIn', { username, password }, null);
  expect(signed.ok).toBe(true);
  const session = (signed.value as { session: string }).session;

  const assessments = await raw(page, 'assessments.list', { pupilId: created.value!.id }, session);
  expect(assessments).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  expect(assessments.error!.message).toMatch(/teacher/i);
  const notes = await raw(page, 'sessions.get', { id: '00000000-0000-4000-8000-000000000000' }, session);
  expect(notes).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  const pack = await raw(page, 'reviews.pack', { reviewId: '00000000-0000-4000-8000-000000000000' }, session);
  expect(pack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  // What a teacher may do still works: their own goals and strategies view.
  expect(await raw(page, 'ipps.listForPupil', { pupilId: created.value!.id }, session)).toMatchObject({ ok: true, value: [] });
  // The refusals are in the audit trail, attributed to the teacher.
  const audit = await invokeApi<{ rows: { actor: string; operation: string; outcome: string }[] }>(page, 'audit.list', { pageSize: 200 });
  expect(audit.ok).toBe(true);
  const refused = audit.value!.rows.filter((r) => r.outcome === 'refused' && r.actor.includes(username)).map((r) => r.operation);
  expect(refused).toEqual(expect.arrayContaining(['assessments.list', 'sessions.get', 'reviews.pack']));
});
