/**
 * A pupil's progress over time (goal ratings, T-scores, band history, Thrive strands, attendance by month), the
 * plain-language parent summary, and the review pack: the data gathered for one review and drawn as an A4 PDF.
 */
import type { EntityManager } from 'typeorm';
import type { Band, ThriveStrand } from '../../../shared/therapy';
import type { ParentSummary, PupilProgress, ReviewKind } from '../../../shared/contract';
import { todayIso } from '../../../shared/dates';
import { addMonths } from '../../../shared/date-only';
import { sessionOutcome, tallyAttendance } from '../../../shared/attendance';
import { reviewTScore } from '../../../shared/gas';
import { codeLabel, t, yearGroupLabel } from '../../../shared/i18n';
import type { ServiceContext, ServiceFn } from '../context';
import {
  AssessmentEntity,
  BandPeriodEntity,
  EhcPlanEntity,
  IppEntity,
  IppGoalEntity,
  IppInterventionEntity,
  IppReviewEntity,
  IppVersionEntity,
  ReviewActionEntity,
  SchoolEntity,
  UserEntity,
} from '../db/entities';
import { dateOf, numOf } from '../db/raw';
import type { ReviewPackData } from '../reports/review-pack-data';
import { ehcpPlanView } from './ehcp';
import { loadProfile } from './pupils';
import { requirePupil } from './referrals';
import { kindLabel, meetingView, parentUpdatesOf, requireMeeting } from './reviews';
import { storedRatings } from './gas-ratings';
import { monthlyAttendance, provisionDelivered } from './sessions';

type Row = Record<string, unknown>;
const ph = (em: EntityManager, i: number) => (em.connection.options.type === 'postgres' ? `$${i}` : `?${i}`);

/** Each plan of the pupil with its current version's goals. */
async function plansWithGoals(em: EntityManager, pupilId: string) {
  const ipps = await em.getRepository(IppEntity).find({ where: { pupilId }, order: { createdAt: 'ASC' } });
  const out: { ipp: IppEntity; version: IppVersionEntity; goals: IppGoalEntity[] }[] = [];
  for (const ipp of ipps) {
    const version = await em.getRepository(IppVersionEntity).findOneOrFail({ where: { ippId: ipp.id, number: ipp.currentVersion } });
    const goals = await em.getRepository(IppGoalEntity).find({ where: { versionId: version.id }, order: { position: 'ASC' } });
    out.push({ ipp, version, goals });
  }
  return out;
}

/** Goal ratings at plan reviews and at sessions, band periods, Thrive strands; months from `from` to `to` (sessions after `today` are upcoming). */
export async function pupilProgress(em: EntityManager, pupilId: string, from: string, to: string, today: string): Promise<PupilProgress> {
  const [plans, reviews, sessionRatings, bands, assessments, months] = await Promise.all([
    plansWithGoals(em, pupilId),
    em.getRepository(IppReviewEntity).find({ where: { pupilId }, order: { date: 'ASC', createdAt: 'ASC' } }),
    em.query(
      `SELECT s.date, y.goals_json FROM session_pupil y JOIN therapy_session s ON s.id = y.session_id WHERE y.pupil_id = ${ph(em, 1)} AND y.goals_json IS NOT NULL ORDER BY s.date`,
      [pupilId],
    ) as Promise<Row[]>,
    em.getRepository(BandPeriodEntity).find({ where: { pupilId }, order: { startDate: 'ASC', createdAt: 'ASC' } }),
    em.getRepository(AssessmentEntity).find({ where: { pupilId }, order: { date: 'ASC' } }),
    monthlyAttendance(em, { pupilId }, from, to, today),
  ]);
  const points = new Map<string, PupilProgress['goals'][number]['points'][number][]>();
  const push = (ippId: string, goalKey: string, p: PupilProgress['goals'][number]['points'][number]) => {
    const k = `${ippId}:${goalKey}`;
    const list = points.get(k) ?? [];
    list.push(p);
    points.set(k, list);
  };
  for (const r of reviews) {
    for (const x of JSON.parse(r.ratingsJson) as { goalKey: string; rating: number }[])
      push(r.ippId, x.goalKey, { date: dateOf(r.date), rating: x.rating, source: 'review' });
  }
  for (const r of sessionRatings) {
    for (const g of JSON.parse(String(r.goals_json)) as { ippId: string; goalKey: string; rating: number | null }[]) {
      if (g.rating !== null) push(g.ippId, g.goalKey, { date: dateOf(r.date), rating: g.rating, source: 'session' });
    }
  }
  const titleOf = new Map(plans.map((p) => [p.ipp.id, p.version.title]));
  return {
    goals: plans.flatMap(({ ipp, version, goals }) =>
      goals.map((g) => {
        const list = (points.get(`${ipp.id}:${g.goalKey}`) ?? []).sort((a, b) => a.date.localeCompare(b.date));
        const last = list[list.length - 1];
        return {
          ippId: ipp.id,
          planTitle: version.title,
          goalKey: g.goalKey,
          description: g.description,
          points: list,
          latest: last ? { date: last.date, rating: last.rating } : null,
        };
      }),
    ),
    tScores: reviews.flatMap((r) => {
      // Each rating counts by the weight its goal had when it was rated (services/gas-ratings.ts).
      const ratings = storedRatings(r.ratingsJson);
      const score = reviewTScore(ratings);
      return score === null
        ? []
        : [{ ippId: r.ippId, planTitle: titleOf.get(r.ippId) ?? '', date: dateOf(r.date), tScore: score, goals: ratings.length }];
    }),
    bands: bands.map((b) => ({
      band: b.band as Band,
      startDate: dateOf(b.startDate),
      endDate: b.endDate === null ? null : dateOf(b.endDate),
      reason: b.reason,
      reviewId: b.reviewId,
    })),
    thrive: assessments.flatMap((a) =>
      (JSON.parse(a.thriveJson) as { strand: ThriveStrand; result: string }[]).map((x) => ({
        date: dateOf(a.date),
        strand: x.strand,
        result: x.result,
      })),
    ),
    months: months.map((m) => ({
      month: m.month,
      attended: m.attended,
      absent: m.absent,
      cancelled: m.cancelled,
      notRecorded: m.notRecorded,
      upcoming: m.upcoming,
      minutesPlanned: m.minutesScheduled,
      minutesDelivered: m.minutesDelivered,
    })),
  };
}

export const progressForPupil: ServiceFn<'progress.forPupil'> = async (ctx, input) => {
  await requirePupil(ctx.em, input.pupilId);
  ctx.touchPupil(input.pupilId);
  const today = todayIso(ctx.now);
  return pupilProgress(ctx.em, input.pupilId, addMonths(today, -12), today, today);
};

const frequencyText = (count: number | null, period: string | null, minutes: number | null): string | null => {
  if (!count || !period) return null;
  return t('parentSummary.frequency', {
    count,
    period: codeLabel('ehcpUi.periods', period),
    minutes: minutes ?? 0,
    context: minutes ? 'minutes' : undefined,
  });
};

export const parentUpdatesSummary: ServiceFn<'parentUpdates.summary'> = async (ctx, input) => {
  const pupil = await loadProfile(ctx.em, input.pupilId);
  ctx.touchPupil(input.pupilId);
  const [school, plans, band, updates, next, provision] = await Promise.all([
    ctx.em.getRepository(SchoolEntity).findOne({ where: {} }),
    plansWithGoals(ctx.em, input.pupilId),
    ctx.em.query(`SELECT band FROM band_period WHERE pupil_id = ${ph(ctx.em, 1)} AND end_date IS NULL`, [input.pupilId]) as Promise<Row[]>,
    parentUpdatesOf(ctx.em, input.pupilId),
    ctx.em.query(
      `SELECT kind, date FROM review_meeting WHERE pupil_id = ${ph(ctx.em, 1)} AND status = 'planned' AND date >= ${ph(ctx.em, 2)} ORDER BY date LIMIT 1`,
      [input.pupilId, todayIso(ctx.now)],
    ) as Promise<Row[]>,
    provisionDelivered(ctx, { pupilId: input.pupilId }),
  ]);
  const open = plans.filter((p) => !p.ipp.closedDate);
  const interventions = open.length
    ? await ctx.em
        .getRepository(IppInterventionEntity)
        .createQueryBuilder('i')
        .where('i.version_id IN (:...ids)', { ids: open.map((p) => p.version.id) })
        .orderBy('i.position')
        .getMany()
    : [];
  const progress = await pupilProgress(ctx.em, input.pupilId, todayIso(ctx.now), todayIso(ctx.now), todayIso(ctx.now));
  const latest = new Map(progress.goals.map((g) => [`${g.ippId}:${g.goalKey}`, g.latest?.rating ?? null]));
  const term = provision.lines.reduce(
    (a, l) => ({
      attended: a.attended + l.term.sessionsDelivered,
      planned: a.planned + l.term.plannedSessions,
      notRecorded: a.notRecorded + l.term.notRecorded,
    }),
    { attended: 0, planned: 0, notRecorded: 0 },
  );
  const summary: ParentSummary = {
    schoolName: school?.name ?? '',
    pupilName: pupil.name,
    yearGroup: pupil.yearGroup ? yearGroupLabel(pupil.yearGroup) : null,
    band: (band[0]?.band as Band | undefined) ?? null,
    goals: open.flatMap((p) =>
      p.goals.map((g) => ({
        description: g.description,
        expected: g.levelExpected,
        latest: latest.get(`${p.ipp.id}:${g.goalKey}`) ?? null,
      })),
    ),
    support: interventions.map((i) => ({
      description: i.description,
      frequency: frequencyText(i.frequencyCount, i.frequencyPeriod, i.sessionMinutes),
      discipline: codeLabel('disciplines', i.discipline),
    })),
    classroomStrategies: interventions.map((i) => i.classroomStrategies).filter((s): s is string => !!s),
    sessionsThisTerm: provision.term && term.planned > 0 ? term : null,
    nextReview: next[0] ? { kind: next[0].kind as ReviewKind, date: dateOf(next[0].date) } : null,
    lastUpdate: updates[0] ? { date: updates[0].date, method: updates[0].method } : null,
  };
  return summary;
};

/** Everything the review pack shows for one review. */
export async function gatherReviewPack(ctx: ServiceContext, reviewId: string): Promise<ReviewPackData> {
  const meeting = await requireMeeting(ctx, reviewId);
  const review = await meetingView(ctx, meeting);
  const pupil = await loadProfile(ctx.em, meeting.pupilId);
  const previous = (await ctx.em.query(
    `SELECT id, kind, date FROM review_meeting WHERE pupil_id = ${ph(ctx.em, 1)} AND status = 'held' AND date < ${ph(ctx.em, 2)} ORDER BY date DESC LIMIT 1`,
    [meeting.pupilId, review.date],
  )) as Row[];
  const prev = previous[0] ? { id: String(previous[0].id), kind: previous[0].kind as ReviewKind, date: dateOf(previous[0].date) } : null;
  const since = prev?.date ?? addMonths(review.date, -12);
  const [school, plans, progress, provision, assessments, lastActions, band] = await Promise.all([
    ctx.em.getRepository(SchoolEntity).findOne({ where: {} }),
    ctx.em.getRepository(EhcPlanEntity).find({ where: { pupilId: meeting.pupilId }, order: { createdAt: 'DESC' } }),
    pupilProgress(ctx.em, meeting.pupilId, since, review.date, todayIso(ctx.now)),
    provisionDelivered(ctx, { pupilId: meeting.pupilId }),
    ctx.em
      .getRepository(AssessmentEntity)
      .createQueryBuilder('a')
      .where('a.pupil_id = :p AND a.date >= :d AND a.date <= :to', { p: meeting.pupilId, d: since, to: review.date })
      .orderBy('a.date')
      .getMany(),
    prev
      ? ctx.em.getRepository(ReviewActionEntity).find({ where: { reviewId: prev.id }, order: { position: 'ASC' } })
      : Promise.resolve([]),
    ctx.em.query(`SELECT band FROM band_period WHERE pupil_id = ${ph(ctx.em, 1)} AND end_date IS NULL`, [meeting.pupilId]) as Promise<
      Row[]
    >,
  ]);
  const owners = new Map((await ctx.em.getRepository(UserEntity).find()).map((u) => [u.id, u.displayName]));
  const plan = plans.find((p) => p.status !== 'ceased') ?? plans[0] ?? null;
  const planView = plan ? await ehcpPlanView(ctx.em, plan) : null;
  // The reviewed plan, or else the pupil's most recent open plan.
  const ipps = await plansWithGoals(ctx.em, meeting.pupilId);
  const ipp = ipps.find((p) => p.ipp.id === review.ippId) ?? [...ipps].reverse().find((p) => !p.ipp.closedDate) ?? null;
  const ratedNow = new Map(review.ratings.map((r) => [r.goalKey, r]));
  // Every session in the period, counted by the shared tally (shared/attendance.ts): a session whose date has come
  // without an outcome is "not recorded", its own figure; one after today is upcoming, not due.
  const today = todayIso(ctx.now);
  const counted = (await ctx.em.query(
    `SELECT y.attendance, y.cancelled_by, CASE WHEN s.date <= ${ph(ctx.em, 4)} THEN 1 ELSE 0 END AS past, COUNT(*) AS n ` +
      'FROM session_pupil y JOIN therapy_session s ON s.id = y.session_id ' +
      `WHERE y.pupil_id = ${ph(ctx.em, 1)} AND s.date >= ${ph(ctx.em, 2)} AND s.date <= ${ph(ctx.em, 3)} ` +
      `GROUP BY y.attendance, y.cancelled_by, CASE WHEN s.date <= ${ph(ctx.em, 4)} THEN 1 ELSE 0 END`,
    [meeting.pupilId, since, review.date, today],
  )) as Row[];
  const attendance = tallyAttendance(
    counted.map((r) => ({
      outcome: sessionOutcome(String(r.attendance), numOf(r.past) === 1 ? today : '9999-12-31', today),
      cancelledBy: (r.cancelled_by as string | null) ?? null,
      sessions: numOf(r.n),
    })),
  );
  const needArea = (area: string) => codeLabel('ehcpUi.areas', area);
  return {
    generatedAt: ctx.now.toISOString(),
    school: { name: school?.name ?? '', urn: school?.urn ?? null, localAuthority: school?.localAuthority ?? null },
    pupil: {
      name: pupil.name,
      upn: pupil.upn,
      dateOfBirth: pupil.dateOfBirth,
      yearGroup: pupil.yearGroup ? yearGroupLabel(pupil.yearGroup) : null,
      className: pupil.className,
      senStatus: codeLabel('senStatusLong', pupil.senStatus),
      needs: pupil.needs.map((n, i) =>
        i === 0 ? t('reviewPackData.primaryNeed', { need: codeLabel('needs', n) }) : codeLabel('needs', n),
      ),
      band: band[0] ? codeLabel('bands', String(band[0].band)) : null,
    },
    review: { ...review, kindLabel: kindLabel(review.kind), previousDate: prev?.date ?? null },
    ehcp: planView
      ? {
          status: codeLabel('ehcpUi.statusLong', planView.plan.status),
          issuedDate: planView.plan.issuedDate,
          needsSummary: planView.content.needs.map((n) => `${needArea(n.area)}: ${n.description}`),
          outcomes: planView.content.outcomes.map((o) => {
            const areas = [...new Set(planView.content.needs.filter((n) => o.needKeys.includes(n.key)).map((n) => needArea(n.area)))];
            return { area: areas.join(', '), text: o.description };
          }),
        }
      : null,
    provision: {
      termName: provision.term?.name ? codeLabel('terms', provision.term.name) : null,
      lines: provision.lines,
    },
    goals: ipp
      ? ipp.goals.map((g) => {
          const series = progress.goals.find((x) => x.ippId === ipp.ipp.id && x.goalKey === g.goalKey);
          const now = ratedNow.get(g.goalKey);
          return {
            key: g.goalKey,
            description: g.description,
            expected: g.levelExpected,
            points: series?.points ?? [],
            latest: series?.latest ?? null,
            ratedNow: now ? { rating: now.rating, note: now.note } : null,
            weight: g.weight,
          };
        })
      : [],
    plan: ipp
      ? { title: ipp.version.title, version: ipp.version.number, startDate: ipp.version.startDate, endDate: ipp.version.endDate }
      : null,
    tScores: progress.tScores.filter((s) => !ipp || s.ippId === ipp.ipp.id).map((s) => ({ date: s.date, tScore: s.tScore })),
    assessments: assessments.map((a) => ({
      date: dateOf(a.date),
      kind: codeLabel('therapyUi.assessmentKinds', a.kind),
      discipline: codeLabel('disciplines', a.discipline),
      assessor: a.assessorName,
      scores: (JSON.parse(a.scoresJson) as { measure: string; scale: string; value: number }[]).map((s) => ({
        measure: `${codeLabel('therapyUi.measures', `${s.measure}.short`, s.measure)} ${codeLabel('therapyUi.measures', `${s.measure}.scales.${s.scale}`, s.scale)}`,
        value: String(s.value),
      })),
      thrive: (JSON.parse(a.thriveJson) as { strand: string; result: string }[]).map((x) => ({
        strand: codeLabel('therapyUi.thriveStrands', x.strand),
        result: codeLabel('therapyUi.thriveResults', x.result),
      })),
      notes: a.notes,
    })),
    attendance: {
      from: since,
      to: review.date,
      attended: attendance.attended,
      absent: attendance.absent,
      cancelledBySchool: attendance.cancelledBySchool,
      cancelledByTherapist: attendance.cancelledByTherapist,
      cancelledByFamily: attendance.cancelledByFamily,
      notRecorded: attendance.notRecorded,
      upcoming: attendance.upcoming,
      months: progress.months,
    },
    bandHistory: progress.bands,
    lastActions: lastActions.map((a) => ({
      description: a.description,
      owner: (a.ownerUserId ? owners.get(a.ownerUserId) : a.ownerName) ?? '',
      dueDate: dateOf(a.dueDate),
      doneDate: a.doneDate === null ? null : dateOf(a.doneDate),
    })),
    previousReview: prev ? { kind: prev.kind, kindLabel: kindLabel(prev.kind), date: prev.date } : null,
  };
}

export const reviewsPack: ServiceFn<'reviews.pack'> = async (ctx, input) => {
  // Long work: progress between its steps, and a cancel between them (operation.ts).
  ctx.progress?.({ done: 0, total: 3, label: 'gathering' });
  const data = await gatherReviewPack(ctx, input.reviewId);
  ctx.checkCancelled?.();
  ctx.progress?.({ done: 1, total: 3, label: 'building' });
  // Loaded when first needed: pdfkit and its font metrics are not needed to start the app.
  const { renderReviewPack } = await import('../reports/review-pack-pdf');
  const { pdf, pages } = await renderReviewPack(data);
  ctx.checkCancelled?.();
  ctx.progress?.({ done: 3, total: 3, label: 'building' });
  const safe = data.pupil.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
  ctx.auditDetail({ reviewId: input.reviewId, pages });
  return { filename: `review-pack-${safe}-${data.review.date}.pdf`, pdfBase64: pdf.toString('base64'), pages };
};
