/**
 * EHC plans. A plan's content is held per version in structured tables (sections B, E, F as rows with links
 * between them). While a plan is a draft, saving replaces its one version; once final, a change is an amendment
 * written as a new version, so every earlier version stays as it was and can be viewed and printed.
 */
import { requireCatalogueProvision } from './provision-map';
import { placeholder } from '../db/raw';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { PlanContent, PlanSummary, PlanVersionSummary, PlanView } from '../../../shared/contract';
import { goldenThread, type FrequencyPeriod, type ItemSection, type NeedArea, type PfaArea, type PlanStatus } from '../../../shared/ehcp';
import { todayIso } from '../../../shared/dates';
import { t } from '../../../shared/i18n';
import { AppFailure } from '../../../shared/result';
import { actorLabel, nowIso, type ServiceContext, type ServiceFn } from '../context';
import {
  EhcPlanEntity,
  EhcPlanVersionEntity,
  EhcpAdviceEntity,
  EhcpItemEntity,
  EhcpNeedEntity,
  EhcpOutcomeEntity,
  EhcpOutcomeNeedEntity,
  EhcpProvisionEntity,
  EhcpProvisionOutcomeEntity,
  PupilEntity,
} from '../db/entities';
import { displayName } from './pupil-name';
import { requireOwnStaff } from '../scope';

const notFound = () => new AppFailure('not_found', t('errors.notFound', { thing: t('things.plan') }));

function versionView(v: EhcPlanVersionEntity): PlanVersionSummary {
  return {
    number: v.number,
    kind: v.kind as PlanVersionSummary['kind'],
    effectiveDate: v.effectiveDate,
    reason: v.reason,
    namesNextPhase: v.namesNextPhase,
    createdAt: v.createdAt,
    createdBy: v.createdBy,
  };
}

async function summary(em: EntityManager, plan: EhcPlanEntity): Promise<PlanSummary> {
  const versions = await em.getRepository(EhcPlanVersionEntity).find({ where: { planId: plan.id }, order: { number: 'ASC' } });
  return {
    id: plan.id,
    pupilId: plan.pupilId,
    localAuthority: plan.localAuthority,
    ownerId: plan.ownerId,
    status: plan.status as PlanStatus,
    draftDate: plan.draftDate,
    issuedDate: plan.issuedDate,
    ceasedDate: plan.ceasedDate,
    ceasedReason: plan.ceasedReason,
    currentVersion: plan.currentVersion,
    versions: versions.map(versionView),
  };
}

/** Reads one version's content; keys are the rows' ids, so links survive a round trip through the editor. */
async function loadContent(em: EntityManager, versionId: string): Promise<PlanView['content']> {
  const v = await em.getRepository(EhcPlanVersionEntity).findOneOrFail({ where: { id: versionId } });
  const by = { where: { versionId }, order: { position: 'ASC' as const } };
  const [needs, items, outcomes, provision, advice] = await Promise.all([
    em.getRepository(EhcpNeedEntity).find(by),
    em.getRepository(EhcpItemEntity).find(by),
    em.getRepository(EhcpOutcomeEntity).find(by),
    em.getRepository(EhcpProvisionEntity).find(by),
    em.getRepository(EhcpAdviceEntity).find(by),
  ]);
  const outcomeIds = outcomes.map((o) => o.id);
  const provisionIds = provision.map((p) => p.id);
  const links = outcomeIds.length
    ? await em
        .getRepository(EhcpOutcomeNeedEntity)
        .createQueryBuilder('l')
        .where('l.outcome_id IN (:...ids)', { ids: outcomeIds })
        .getMany()
    : [];
  const served = provisionIds.length
    ? await em
        .getRepository(EhcpProvisionOutcomeEntity)
        .createQueryBuilder('l')
        .where('l.provision_id IN (:...ids)', { ids: provisionIds })
        .getMany()
    : [];
  return {
    sectionA: { views: v.aViews, interests: v.aInterests, aspirations: v.aAspirations },
    needs: needs.map((n) => ({ key: n.id, area: n.area as NeedArea, description: n.description })),
    items: items.map((i) => ({ section: i.section as ItemSection, description: i.description, provider: i.provider })),
    outcomes: outcomes.map((o) => ({
      key: o.id,
      description: o.description,
      targetDate: o.targetDate,
      pfaArea: o.pfaArea as PfaArea | null,
      needKeys: needs.filter((n) => links.some((l) => l.outcomeId === o.id && l.needId === n.id)).map((n) => n.id),
    })),
    provision: provision.map((p) => ({
      key: p.id,
      description: p.description,
      frequencyCount: p.frequencyCount,
      frequencyPeriod: p.frequencyPeriod as FrequencyPeriod | null,
      sessionMinutes: p.sessionMinutes,
      durationWeeks: p.durationWeeks,
      groupSize: p.groupSize,
      deliveredBy: p.deliveredBy,
      expertise: p.expertise,
      markedQuantified: p.markedQuantified,
      outcomeKeys: outcomes.filter((o) => served.some((l) => l.provisionId === p.id && l.outcomeId === o.id)).map((o) => o.id),
      provisionId: p.provisionId ?? null,
    })),
    placement: { name: v.iPlacementName, urn: v.iPlacementUrn, type: v.iPlacementType },
    personalBudget: v.jPersonalBudget,
    advice: advice.map((a) => ({ title: a.title, author: a.author, date: a.adviceDate })),
  };
}

/** Writes the rows of a version's sections; client keys become fresh row ids, and links follow them. */
async function writeContent(em: EntityManager, versionId: string, c: PlanContent): Promise<void> {
  const needId = new Map(c.needs.map((n) => [n.key, randomUUID()]));
  const outcomeId = new Map(c.outcomes.map((o) => [o.key, randomUUID()]));
  const ins = async <T extends object>(target: new () => T, rows: T[]) => {
    for (let i = 0; i < rows.length; i += 100) await em.getRepository(target).insert(rows.slice(i, i + 100) as never);
  };
  await ins(
    EhcpNeedEntity,
    c.needs.map((n, position) =>
      Object.assign(new EhcpNeedEntity(), { id: needId.get(n.key)!, versionId, position, area: n.area, description: n.description }),
    ),
  );
  await ins(
    EhcpItemEntity,
    c.items.map((i, position) => Object.assign(new EhcpItemEntity(), { id: randomUUID(), versionId, position, ...i })),
  );
  await ins(
    EhcpOutcomeEntity,
    c.outcomes.map((o, position) =>
      Object.assign(new EhcpOutcomeEntity(), {
        id: outcomeId.get(o.key)!,
        versionId,
        position,
        description: o.description,
        targetDate: o.targetDate,
        pfaArea: o.pfaArea,
      }),
    ),
  );
  await ins(
    EhcpOutcomeNeedEntity,
    c.outcomes.flatMap((o) =>
      [...new Set(o.needKeys)].map((k) =>
        Object.assign(new EhcpOutcomeNeedEntity(), { outcomeId: outcomeId.get(o.key)!, needId: needId.get(k)! }),
      ),
    ),
  );
  const provisionRows = c.provision.map((p, position) => {
    const { key: _key, outcomeKeys: _outcomes, ...fields } = p;
    return {
      row: Object.assign(new EhcpProvisionEntity(), { id: randomUUID(), versionId, position, ...fields }),
      outcomeKeys: p.outcomeKeys,
    };
  });
  await ins(
    EhcpProvisionEntity,
    provisionRows.map((p) => p.row),
  );
  await ins(
    EhcpProvisionOutcomeEntity,
    provisionRows.flatMap((p) =>
      [...new Set(p.outcomeKeys)].map((k) =>
        Object.assign(new EhcpProvisionOutcomeEntity(), { provisionId: p.row.id, outcomeId: outcomeId.get(k)! }),
      ),
    ),
  );
  await ins(
    EhcpAdviceEntity,
    c.advice.map((a, position) =>
      Object.assign(new EhcpAdviceEntity(), {
        id: randomUUID(),
        versionId,
        position,
        title: a.title,
        author: a.author,
        adviceDate: a.date,
      }),
    ),
  );
}

function versionFields(c: PlanContent) {
  return {
    aViews: c.sectionA.views,
    aInterests: c.sectionA.interests,
    aAspirations: c.sectionA.aspirations,
    iPlacementName: c.placement.name,
    iPlacementUrn: c.placement.urn,
    iPlacementType: c.placement.type,
    jPersonalBudget: c.personalBudget,
  };
}

/** Content with keys replaced by positions, so two documents compare equal when only their keys differ. */
function canonical(c: PlanView['content'] | PlanContent): string {
  const needIx = new Map(c.needs.map((n, i) => [n.key, i]));
  const outIx = new Map(c.outcomes.map((o, i) => [o.key, i]));
  return JSON.stringify({
    ...c,
    needs: c.needs.map(({ key: _k, ...n }) => n),
    outcomes: c.outcomes.map(({ key: _k, needKeys, ...o }) => ({ ...o, needs: needKeys.map((k) => needIx.get(k)).sort() })),
    provision: c.provision.map(({ key: _k, outcomeKeys, ...p }) => ({ ...p, outcomes: outcomeKeys.map((k) => outIx.get(k)).sort() })),
  });
}

async function view(em: EntityManager, plan: EhcPlanEntity, number?: number): Promise<PlanView> {
  const version = await em
    .getRepository(EhcPlanVersionEntity)
    .findOne({ where: { planId: plan.id, number: number ?? plan.currentVersion } });
  if (!version) throw new AppFailure('not_found', t('errors.notFound', { thing: t('things.plan') }));
  const pupil = await em.getRepository(PupilEntity).findOneOrFail({ where: { id: plan.pupilId } });
  const content = await loadContent(em, version.id);
  return {
    plan: await summary(em, plan),
    pupilName: displayName(pupil),
    version: versionView(version),
    content,
    goldenThread: goldenThread(content),
  };
}

export const ehcpListForPupil: ServiceFn<'ehcp.listForPupil'> = async (ctx, input) => {
  ctx.touchPupil(input.pupilId);
  const plans = await ctx.em.getRepository(EhcPlanEntity).find({ where: { pupilId: input.pupilId }, order: { createdAt: 'DESC' } });
  return Promise.all(plans.map((p) => summary(ctx.em, p)));
};

export const ehcpGet: ServiceFn<'ehcp.get'> = async (ctx, input) => {
  const plan = await ctx.em.getRepository(EhcPlanEntity).findOne({ where: { id: input.planId } });
  if (!plan) throw notFound();
  ctx.touchPupil(plan.pupilId);
  return view(ctx.em, plan, input.version);
};

async function insertVersion(
  ctx: ServiceContext,
  planId: string,
  number: number,
  kind: 'original' | 'amendment',
  effectiveDate: string,
  content: PlanContent,
  amendment: { reason: string; namesNextPhase: boolean } | null,
): Promise<void> {
  const id = randomUUID();
  // Section F lines that name a catalogue provision name one of the pupil's school's (the provision map, migration 0020).
  const [plan] = (await ctx.em.query(
    `SELECT p.school_id FROM ehc_plan e JOIN pupil p ON p.id = e.pupil_id WHERE e.id = ${placeholder(ctx.em)(1)}`,
    [planId],
  )) as { school_id: string }[];
  for (const [i, p] of content.provision.entries())
    await requireCatalogueProvision(ctx.em, p.provisionId, plan?.school_id ?? '', `content.provision.${i}.provisionId`);
  await ctx.em.getRepository(EhcPlanVersionEntity).insert({
    id,
    planId,
    number,
    kind,
    effectiveDate,
    reason: amendment?.reason ?? null,
    namesNextPhase: amendment?.namesNextPhase ?? false,
    ...versionFields(content),
    createdAt: nowIso(ctx),
    createdBy: actorLabel(ctx.actor),
  });
  await writeContent(ctx.em, id, content);
}

export const ehcpCreate: ServiceFn<'ehcp.create'> = async (ctx, input) => {
  const pupil = await ctx.em.getRepository(PupilEntity).findOne({ where: { id: input.pupilId } });
  if (!pupil) throw new AppFailure('not_found', t('errors.notFound', { thing: t('things.pupil') }));
  ctx.touchPupil(pupil.id);
  await requireOwnStaff(ctx, input.ownerId, 'ownerId');
  const at = nowIso(ctx);
  const plan = Object.assign(new EhcPlanEntity(), {
    id: randomUUID(),
    pupilId: pupil.id,
    localAuthority: input.localAuthority,
    ownerId: input.ownerId,
    status: input.status,
    draftDate: input.draftDate,
    issuedDate: input.issuedDate,
    ceasedDate: input.ceasedDate,
    ceasedReason: input.ceasedReason,
    currentVersion: 1,
    createdAt: at,
    updatedAt: at,
  });
  await ctx.em.getRepository(EhcPlanEntity).insert(plan);
  await insertVersion(ctx, plan.id, 1, 'original', input.issuedDate ?? input.draftDate ?? todayIso(ctx.now), input.content, null);
  ctx.auditDetail({ planId: plan.id, status: plan.status });
  return view(ctx.em, plan);
};

export const ehcpUpdate: ServiceFn<'ehcp.update'> = async (ctx, input) => {
  const repo = ctx.em.getRepository(EhcPlanEntity);
  const plan = await repo.findOne({ where: { id: input.planId } });
  if (!plan) throw notFound();
  ctx.touchPupil(plan.pupilId);
  if (input.baseVersion !== plan.currentVersion) {
    throw new AppFailure('conflict', t('validation.staleVersion', { current: plan.currentVersion, base: input.baseVersion }));
  }
  const current = await ctx.em
    .getRepository(EhcPlanVersionEntity)
    .findOneOrFail({ where: { planId: plan.id, number: plan.currentVersion } });
  const contentChanged = canonical(await loadContent(ctx.em, current.id)) !== canonical(input.content);
  let versionNumber = plan.currentVersion;
  if (plan.status === 'draft') {
    // A draft has not been issued: saving replaces its content (its one version), and no amendment is recorded.
    await ctx.em.getRepository(EhcPlanVersionEntity).delete({ id: current.id });
    await insertVersion(
      ctx,
      plan.id,
      current.number,
      'original',
      input.issuedDate ?? input.draftDate ?? current.effectiveDate,
      input.content,
      null,
    );
  } else if (contentChanged) {
    if (!input.amendment) {
      throw new AppFailure('invalid_input', t('validation.amendmentRequired'), { amendment: t('validation.amendmentRequired') });
    }
    if (input.issuedDate && input.amendment.effectiveDate < input.issuedDate) {
      throw new AppFailure('invalid_input', t('errors.invalidInput'), {
        'amendment.effectiveDate': t('validation.dateBefore', { date: input.issuedDate }),
      });
    }
    versionNumber += 1;
    await insertVersion(ctx, plan.id, versionNumber, 'amendment', input.amendment.effectiveDate, input.content, input.amendment);
  }
  await requireOwnStaff(ctx, input.ownerId, 'ownerId');
  const changes = {
    localAuthority: input.localAuthority,
    ownerId: input.ownerId,
    status: input.status,
    draftDate: input.draftDate,
    issuedDate: input.issuedDate,
    ceasedDate: input.ceasedDate,
    ceasedReason: input.ceasedReason,
    currentVersion: versionNumber,
    updatedAt: nowIso(ctx),
  };
  await repo.update(plan.id, changes);
  ctx.auditDetail({ planId: plan.id, status: input.status, version: versionNumber, amended: versionNumber !== plan.currentVersion });
  return view(ctx.em, { ...plan, ...changes });
};

/** A plan's current version as the screens show it (for the review pack). */
export const ehcpPlanView = (em: EntityManager, plan: EhcPlanEntity): Promise<PlanView> => view(em, plan);
