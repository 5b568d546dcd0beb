/**
 * Pupil passports (issue 18, item 3; migration 0021). Each save writes a new version and makes it the current one; a
 * version is never changed afterwards. Need-to-know is the core's: every operation names its pupil (`pupilId`), so
 * the dispatcher refuses a teacher a pupil outside their classes and a therapist one outside their caseload, and the
 * class list keeps to the same scope. A passport carries no cost and no clinical note: the strategies suggested from
 * the plans are the EHC plan's Section F provision and the pupil plans' classroom strategies and targets, as text.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type {
  PassportList,
  PassportListRow,
  PassportPhotoType,
  PassportStrategy,
  PassportVersion,
  PassportView,
  SuggestedStrategy,
} from '../../../shared/contract';
import { STRATEGY_SOURCES } from '../../../shared/contract';
import type { YearGroup } from '../../../shared/domain';
import { t } from '../../../shared/i18n';
import { AppFailure } from '../../../shared/result';
import { actorLabel, nowIso, type ServiceFn } from '../context';
import {
  EhcPlanEntity,
  EhcPlanVersionEntity,
  EhcpProvisionEntity,
  IppEntity,
  IppGoalEntity,
  IppInterventionEntity,
  IppVersionEntity,
  type PupilEntity,
  PupilPassportEntity,
  PupilPassportVersionEntity,
  SchoolEntity,
} from '../db/entities';
import { placeholder } from '../db/raw';
import { inScope } from '../scope';
import { displayName } from './pupil-name';
import { requirePupil } from './referrals';
import { cleanPhoto, decodePhotoBase64 } from './passport-photo';

const notFound = () => new AppFailure('not_found', t('errors.notFound', { thing: t('passports.thing') }));

function strategiesOf(json: string): PassportStrategy[] {
  try {
    const parsed = JSON.parse(json) as unknown;
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((s: unknown) => {
      const o = s as { text?: unknown; source?: unknown };
      return typeof o?.text === 'string' && STRATEGY_SOURCES.includes(o.source as PassportStrategy['source'])
        ? [{ text: o.text, source: o.source as PassportStrategy['source'] }]
        : [];
    });
  } catch {
    return [];
  }
}

export function versionOf(v: PupilPassportVersionEntity): PassportVersion {
  return {
    number: v.number,
    createdAt: v.createdAt,
    createdBy: v.createdBy,
    aboutMe: v.aboutMe,
    goodAt: v.goodAt,
    findHard: v.findHard,
    helpsMe: v.helpsMe,
    doesNotHelp: v.doesNotHelp,
    strategies: strategiesOf(v.strategiesJson),
    pupilWords: v.pupilWords,
    writtenWith: v.writtenWith,
    photo: v.photoBase64 && v.photoType ? { type: v.photoType as PassportPhotoType, base64: v.photoBase64, alt: v.photoAlt ?? '' } : null,
  };
}

/** The pupil's passport and its versions; `number` picks a version other than the current one. */
export async function passportView(em: EntityManager, pupil: PupilEntity): Promise<PassportView & { readonly passportId: string | null }> {
  const passport = await em.getRepository(PupilPassportEntity).findOne({ where: { pupilId: pupil.id } });
  const versions = passport
    ? await em.getRepository(PupilPassportVersionEntity).find({
        where: { passportId: passport.id },
        order: { number: 'ASC' },
        select: { id: true, number: true, createdAt: true, createdBy: true },
      })
    : [];
  const currentRow = passport
    ? await em.getRepository(PupilPassportVersionEntity).findOne({ where: { passportId: passport.id, number: passport.currentVersion } })
    : null;
  return {
    passportId: passport?.id ?? null,
    pupilId: pupil.id,
    pupilName: displayName(pupil),
    yearGroup: pupil.yearGroup as YearGroup,
    className: pupil.className,
    current: currentRow ? versionOf(currentRow) : null,
    versions: versions.map((v) => ({ number: v.number, createdAt: v.createdAt, createdBy: v.createdBy })),
  };
}

const publicView = ({ passportId: _omit, ...v }: PassportView & { readonly passportId: string | null }): PassportView => v;

export const passportsGet: ServiceFn<'passports.get'> = async (ctx, input) => {
  ctx.touchPupil(input.pupilId);
  const view = await passportView(ctx.em, await requirePupil(ctx.em, input.pupilId));
  ctx.auditDetail({ version: view.current?.number ?? null });
  return publicView(view);
};

/** One version of the pupil's passport (not found: the pupil has none, or no version with that number). */
export async function passportVersion(em: EntityManager, pupilId: string, number: number): Promise<PupilPassportVersionEntity> {
  const passport = await em.getRepository(PupilPassportEntity).findOne({ where: { pupilId } });
  const row = passport ? await em.getRepository(PupilPassportVersionEntity).findOne({ where: { passportId: passport.id, number } }) : null;
  if (!row) throw notFound();
  return row;
}

export const passportsGetVersion: ServiceFn<'passports.getVersion'> = async (ctx, input) => {
  ctx.touchPupil(input.pupilId);
  await requirePupil(ctx.em, input.pupilId);
  ctx.auditDetail({ version: input.number });
  return versionOf(await passportVersion(ctx.em, input.pupilId, input.number));
};

export const passportsSave: ServiceFn<'passports.save'> = async (ctx, input) => {
  // A new photo is checked (and cleaned) first: a picture that is not one is refused before anything is read.
  const fresh = input.photo.kind === 'new' ? cleanPhoto(decodePhotoBase64(input.photo.base64)) : null;
  ctx.touchPupil(input.pupilId);
  const pupil = await requirePupil(ctx.em, input.pupilId);
  const repo = ctx.em.getRepository(PupilPassportEntity);
  const versions = ctx.em.getRepository(PupilPassportVersionEntity);
  const passport = await repo.findOne({ where: { pupilId: pupil.id } });
  const current = passport?.currentVersion ?? null;
  // Two people editing the same passport: the second save would silently undo the first, so it is refused.
  if (input.baseVersion !== current) {
    throw new AppFailure(
      'conflict',
      current === null
        ? t('passports.errors.noneToRevise')
        : t('passports.errors.stale', { name: displayName(pupil), current, base: input.baseVersion ?? 0 }),
    );
  }
  const written =
    [input.aboutMe, input.goodAt, input.findHard, input.helpsMe, input.doesNotHelp, input.pupilWords].some((s) => s !== null) ||
    input.strategies.length > 0;
  if (!written) {
    const message = t('passports.errors.empty');
    throw new AppFailure('invalid_input', message, { aboutMe: message });
  }
  const seen = new Set<string>();
  input.strategies.forEach((s, i) => {
    const key = s.text.toLowerCase().replace(/\s+/g, ' ');
    if (seen.has(key)) {
      const message = t('passports.errors.duplicateStrategy');
      throw new AppFailure('invalid_input', `${message}`, { [`strategies.${i}.text`]: message });
    }
    seen.add(key);
  });

  let photo: { type: string; base64: string; alt: string } | null = null;
  switch (input.photo.kind) {
    case 'none':
      break;
    case 'keep': {
      const before = current === null ? null : await versions.findOne({ where: { passportId: passport!.id, number: current } });
      if (!before?.photoBase64 || !before.photoType) {
        const message = t('passports.photo.noneToKeep');
        throw new AppFailure('invalid_input', message, { 'photo.kind': message });
      }
      photo = { type: before.photoType, base64: before.photoBase64, alt: input.photo.alt };
      break;
    }
    case 'new':
      photo = { type: fresh!.type, base64: fresh!.bytes.toString('base64'), alt: input.photo.alt };
      break;
  }

  const now = nowIso(ctx);
  const passportId = passport?.id ?? randomUUID();
  const number = (current ?? 0) + 1;
  if (passport) await repo.update(passport.id, { currentVersion: number, updatedAt: now });
  else await repo.insert({ id: passportId, pupilId: pupil.id, currentVersion: number, createdAt: now, updatedAt: now });
  await versions.insert({
    id: randomUUID(),
    passportId,
    number,
    aboutMe: input.aboutMe,
    goodAt: input.goodAt,
    findHard: input.findHard,
    helpsMe: input.helpsMe,
    doesNotHelp: input.doesNotHelp,
    strategiesJson: JSON.stringify(input.strategies.map((s) => ({ text: s.text, source: s.source }))),
    pupilWords: input.pupilWords,
    writtenWith: input.writtenWith,
    photoBase64: photo?.base64 ?? null,
    photoType: photo?.type ?? null,
    photoAlt: photo?.alt ?? null,
    createdBy: actorLabel(ctx.actor),
    createdAt: now,
  });
  // Counts and kinds only: the passport's words are the pupil's, and stay out of the audit trail.
  ctx.auditDetail({ version: number, strategies: input.strategies.length, photo: input.photo.kind });
  return publicView(await passportView(ctx.em, pupil));
};

/** Lines of a classroom strategies box: one strategy a line (or separated by semicolons), bullets and numbers dropped. */
export function strategyLines(s: string | null): string[] {
  if (!s) return [];
  return s
    .split(/\r?\n|;/)
    .map((x) => x.replace(/^\s*(?:[-*\u2022\u2013]|\d+[.)])\s*/, '').trim())
    .filter((x) => x.length > 0)
    .map((x) => (x.length > 500 ? `${x.slice(0, 497)}...` : x));
}

export const passportsSuggestStrategies: ServiceFn<'passports.suggestStrategies'> = async (ctx, input) => {
  ctx.touchPupil(input.pupilId);
  await requirePupil(ctx.em, input.pupilId);
  const out: SuggestedStrategy[] = [];
  const seen = new Set<string>();
  const add = (text: string, source: SuggestedStrategy['source'], from: string) => {
    const key = text.toLowerCase().replace(/\s+/g, ' ').trim();
    if (!key || seen.has(key)) return;
    seen.add(key);
    out.push({ text, source, from });
  };
  // The EHC plan in force (final, else a draft; never a ceased one): its Section F provision, as it is written.
  const plans = await ctx.em.getRepository(EhcPlanEntity).find({ where: { pupilId: input.pupilId }, order: { createdAt: 'DESC' } });
  const plan = plans.find((p) => p.status === 'final') ?? plans.find((p) => p.status === 'draft');
  if (plan) {
    const version = await ctx.em.getRepository(EhcPlanVersionEntity).findOne({ where: { planId: plan.id, number: plan.currentVersion } });
    const provision = version
      ? await ctx.em.getRepository(EhcpProvisionEntity).find({ where: { versionId: version.id }, order: { position: 'ASC' } })
      : [];
    const from = t(plan.status === 'final' ? 'passports.suggest.fromPlan' : 'passports.suggest.fromDraftPlan');
    for (const p of provision)
      add(
        p.deliveredBy ? t('passports.suggest.provision', { description: p.description, by: p.deliveredBy }) : p.description,
        'ehcp',
        from,
      );
  }
  // Each open pupil plan's current version: the classroom strategies of its interventions, then its targets.
  const ipps = (await ctx.em.getRepository(IppEntity).find({ where: { pupilId: input.pupilId }, order: { createdAt: 'DESC' } })).filter(
    (i) => i.closedDate === null,
  );
  for (const ipp of ipps) {
    const v = await ctx.em.getRepository(IppVersionEntity).findOne({ where: { ippId: ipp.id, number: ipp.currentVersion } });
    if (!v) continue;
    const from = t('passports.suggest.fromIpp', { title: v.title });
    const interventions = await ctx.em
      .getRepository(IppInterventionEntity)
      .find({ where: { versionId: v.id }, order: { position: 'ASC' } });
    for (const i of interventions) for (const line of strategyLines(i.classroomStrategies)) add(line, 'ipp', from);
    const goals = await ctx.em.getRepository(IppGoalEntity).find({ where: { versionId: v.id }, order: { position: 'ASC' } });
    for (const g of goals) add(t('passports.suggest.target', { goal: g.description }), 'ipp', from);
  }
  ctx.auditDetail({ suggested: out.length });
  return out;
};

export const passportsList: ServiceFn<'passports.list'> = async (ctx, input) => {
  const ph = placeholder(ctx.em);
  const rows = (await ctx.em.query(
    'SELECT p.id, p.legal_first_name, p.legal_last_name, p.preferred_first_name, p.preferred_last_name, p.year_group, p.class_name, pp.current_version, ' +
      'v.created_at AS updated_at, v.created_by AS updated_by, v.helps_me, v.strategies_json ' +
      'FROM pupil p LEFT JOIN pupil_passport pp ON pp.pupil_id = p.id ' +
      'LEFT JOIN pupil_passport_version v ON v.passport_id = pp.id AND v.number = pp.current_version ' +
      `WHERE p.date_left IS NULL${input.className ? ` AND LOWER(TRIM(p.class_name)) = ${ph(1)}` : ''}`,
    input.className ? [input.className.trim().toLowerCase()] : [],
  )) as {
    id: string;
    legal_first_name: string;
    legal_last_name: string;
    preferred_first_name: string | null;
    preferred_last_name: string | null;
    year_group: string;
    class_name: string | null;
    current_version: number | string | null;
    updated_at: string | null;
    updated_by: string | null;
    helps_me: string | null;
    strategies_json: string | null;
  }[];
  const visible = rows.filter((r) => inScope(ctx.scope, r.id));
  const out: PassportListRow[] = visible
    .filter((r) => r.current_version !== null && r.updated_at !== null)
    .map((r) => ({
      pupilId: r.id,
      pupilName: displayName({
        legalFirstName: r.legal_first_name,
        legalLastName: r.legal_last_name,
        preferredFirstName: r.preferred_first_name,
        preferredLastName: r.preferred_last_name,
      }),
      yearGroup: r.year_group as YearGroup,
      className: r.class_name,
      version: Number(r.current_version),
      updatedAt: r.updated_at!,
      updatedBy: r.updated_by ?? '',
      helpsMe: r.helps_me && r.helps_me.length > 200 ? `${r.helps_me.slice(0, 197)}...` : r.helps_me,
      strategies: strategiesOf(r.strategies_json ?? '[]').length,
    }))
    .sort((a, b) => (a.className ?? '').localeCompare(b.className ?? '') || a.pupilName.localeCompare(b.pupilName));
  const result: PassportList = { rows: out, withoutPassport: visible.length - out.length };
  ctx.auditDetail({ pupils: out.length });
  return result;
};

export const passportsPdf: ServiceFn<'passports.pdf'> = async (ctx, input) => {
  ctx.touchPupil(input.pupilId);
  const pupil = await requirePupil(ctx.em, input.pupilId);
  const view = await passportView(ctx.em, pupil);
  const version = input.version === undefined ? view.current : versionOf(await passportVersion(ctx.em, pupil.id, input.version));
  if (!version) throw new AppFailure('not_found', t('passports.errors.noPassport', { name: view.pupilName }));
  const school = await ctx.em.getRepository(SchoolEntity).findOne({ where: { id: pupil.schoolId } });
  // Loaded when first needed: pdfkit is not needed to start the app.
  const { renderPassport } = await import('../reports/passport-pdf');
  const plain = input.plain === true;
  const { pdf, pages } = await renderPassport(
    {
      schoolName: school?.name ?? '',
      pupilName: view.pupilName,
      yearGroup: view.yearGroup,
      className: view.className,
      version,
      isCurrent: version.number === view.current?.number,
    },
    { plain },
  );
  ctx.auditDetail({ version: version.number, plain, pages });
  const safe = view.pupilName.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return {
    filename: `${plain ? 'my-passport' : 'pupil-passport'}-${safe}-v${version.number}.pdf`,
    pdfBase64: pdf.toString('base64'),
    pages,
  };
};
