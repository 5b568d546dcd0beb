import type { Services } from '../context';
import { auditList, auditVerify } from './audit';
import {
  practitionersCaseload, protectedList, protectedSave, provisionDelivered, sessionsGet, sessionsIcs, sessionsList, sessionsMove, sessionsRecord,
  sessionsSchedule, sessionsStats, sessionsFreeSlots,
} from './sessions';
import { bandsDistribution, bandsHistory, bandsSet, caseloadList } from './bands';
import { ippsGet, ippsListForPupil, ippsReview, ippsSave } from './ipps';
import { placementsListForPupil, placementsPreview, placementsSave } from './placements';
import { assessmentsList, assessmentsSave, disciplinesList, disciplinesSave, referralsList, referralsMove, referralsSave } from './referrals';
import { calendarImport, calendarListDays, calendarReplaceDays } from './calendar';
import { clocksList, clocksRules, clocksSaveRule } from './clocks';
import { dashboardWorklist } from './dashboard';
import { draftsDiscard, draftsGet, draftsList, draftsSave } from './drafts';
import {
  placementsAdd, placementsEnd, placementsMeasures, provisionMapOp, provisionsCreate, provisionsEnd, provisionsGet, provisionsList, provisionsUpdate, ratesGet, ratesSet,
  thresholdGet, thresholdSet,
} from './provision-map';
import { ehcpRequestsList, ehcpRequestsSave, ehcpReviewsList, ehcpReviewsSave, markNeedsIdentified } from './ehcp-statutory-records';
import { provisionFundingPdf, provisionMapCsv, provisionMapPdf } from './provision-map-outputs';
import { registerExport, registerSummary } from './register';
import { ehcpCreate, ehcpGet, ehcpListForPupil, ehcpUpdate } from './ehcp';
import { changePassword, lock, me, signIn, signOut, unlock } from './auth';
import { pupilsCreate, pupilsGet, pupilsClasses, pupilsList, pupilsUpdate } from './pupils';
import { pupilsImport } from './pupil-import';
import { schoolGet, schoolUpdate, termsList, termsReplaceYear, usersCreate, usersList, usersResetPassword, usersSetActive, usersSetClasses } from './school';
import { allocate, allocationsList, endAllocation } from './allocations';
import { exportsCreate, exportsLog, exportsReviewPackPdf, transfersImport, transfersPreview } from './sharing';
import { transfersIdentity, transfersSendersList, transfersSendersRemove, transfersSendersTrust } from './transfer-trust';
import { concernAcknowledge, concernAlerts, concernClose, concernList, concernRaise } from './safeguarding';
import { cpdAdd, cpdRemove, staffAlerts, staffList, staffSave } from './staff';
import { feedbackList, feedbackReport, feedbackSave, policiesList, policiesSave } from './governance';
import { setupInitialise, setupStatus } from './setup';
import {
  parentUpdatesList, parentUpdatesSave, reviewsActions, reviewsCompleteAction, reviewsGet, reviewsList, reviewsListForPupil, reviewsSave,
} from './reviews';
import { parentUpdatesSummary, progressForPupil, reviewsPack } from './progress';
import { accessMatrixOp } from './access';
import { transferClear, transferGet, transferRecord } from './transfers';
import { deskOutboxDiscard, deskOutboxList, deskOutboxResend, deskStatus, syncChanges } from './desk';
import { pupilsMoveSchool, trustFigures, trustSchoolsAdd, trustSchoolsList } from './trust';
import { passportsGet, passportsGetVersion, passportsList, passportsPdf, passportsSave, passportsSuggestStrategies } from './passports';

/** One service per contract operation; the type makes a missing or misnamed one a compile error. */
export const services: Services = {
  'setup.status': setupStatus,
  'setup.initialise': setupInitialise,
  'auth.signIn': signIn,
  'auth.signOut': signOut,
  'auth.me': me,
  'auth.changePassword': changePassword,
  'auth.lock': lock,
  'auth.unlock': unlock,
  'school.get': schoolGet,
  'school.update': schoolUpdate,
  'terms.list': termsList,
  'terms.replaceYear': termsReplaceYear,
  'users.list': usersList,
  'users.create': usersCreate,
  'users.setActive': usersSetActive,
  'users.resetPassword': usersResetPassword,
  'users.setClasses': usersSetClasses,
  'caseload.allocations': allocationsList,
  'caseload.allocate': allocate,
  'caseload.endAllocation': endAllocation,
  'exports.create': exportsCreate,
  'exports.reviewPackPdf': exportsReviewPackPdf,
  'exports.log': exportsLog,
  'transfers.preview': transfersPreview,
  'transfers.import': transfersImport,
  'transfers.identity': transfersIdentity,
  'transfers.senders.list': transfersSendersList,
  'transfers.senders.trust': transfersSendersTrust,
  'transfers.senders.remove': transfersSendersRemove,
  'desk.status': deskStatus,
  'desk.outbox.list': deskOutboxList,
  'desk.outbox.discard': deskOutboxDiscard,
  'desk.outbox.resend': deskOutboxResend,
  'trust.schools.list': trustSchoolsList,
  'trust.figures': trustFigures,
  'trust.schools.add': trustSchoolsAdd,
  'pupils.moveSchool': pupilsMoveSchool,
  'sync.changes': syncChanges,
  'safeguarding.raise': concernRaise,
  'safeguarding.list': concernList,
  'safeguarding.alerts': concernAlerts,
  'safeguarding.acknowledge': concernAcknowledge,
  'safeguarding.close': concernClose,
  'staff.list': staffList,
  'staff.save': staffSave,
  'staff.cpd.add': cpdAdd,
  'staff.cpd.remove': cpdRemove,
  'staff.alerts': staffAlerts,
  'feedback.list': feedbackList,
  'feedback.save': feedbackSave,
  'feedback.report': feedbackReport,
  'policies.list': policiesList,
  'policies.save': policiesSave,
  'pupils.list': pupilsList,
  'pupils.classes': pupilsClasses,
  'pupils.get': pupilsGet,
  'pupils.create': pupilsCreate,
  'pupils.update': pupilsUpdate,
  'pupils.import': pupilsImport,
  'audit.list': auditList,
  'audit.verify': auditVerify,
  'ehcp.listForPupil': ehcpListForPupil,
  'ehcp.get': ehcpGet,
  'ehcp.create': ehcpCreate,
  'ehcp.update': ehcpUpdate,
  'ehcp.reviews.list': ehcpReviewsList,
  'ehcp.reviews.save': ehcpReviewsSave,
  'ehcp.requests.list': ehcpRequestsList,
  'ehcp.requests.save': ehcpRequestsSave,
  'ehcp.transfer.get': transferGet,
  'ehcp.transfer.record': transferRecord,
  'ehcp.transfer.clear': transferClear,
  'pupils.markNeedsIdentified': markNeedsIdentified,
  'calendar.listDays': calendarListDays,
  'calendar.replaceDays': calendarReplaceDays,
  'calendar.import': calendarImport,
  'clocks.rules': clocksRules,
  'clocks.saveRule': clocksSaveRule,
  'clocks.list': clocksList,
  'register.summary': registerSummary,
  'register.export': registerExport,
  'disciplines.list': disciplinesList,
  'disciplines.save': disciplinesSave,
  'referrals.list': referralsList,
  'referrals.save': referralsSave,
  'referrals.move': referralsMove,
  'assessments.list': assessmentsList,
  'assessments.save': assessmentsSave,
  'bands.history': bandsHistory,
  'bands.set': bandsSet,
  'bands.distribution': bandsDistribution,
  'caseload.list': caseloadList,
  'ipps.listForPupil': ippsListForPupil,
  'ipps.get': ippsGet,
  'ipps.save': ippsSave,
  'ipps.review': ippsReview,
  'placements.listForPupil': placementsListForPupil,
  'placements.save': placementsSave,
  'placements.preview': placementsPreview,
  'sessions.schedule': sessionsSchedule,
  'sessions.freeSlots': sessionsFreeSlots,
  'sessions.list': sessionsList,
  'sessions.get': sessionsGet,
  'sessions.move': sessionsMove,
  'sessions.record': sessionsRecord,
  'sessions.protected.list': protectedList,
  'sessions.protected.save': protectedSave,
  'provision.delivered': provisionDelivered,
  'practitioners.caseload': practitionersCaseload,
  'sessions.stats': sessionsStats,
  'sessions.ics': sessionsIcs,
  'reviews.list': reviewsList,
  'reviews.listForPupil': reviewsListForPupil,
  'reviews.get': reviewsGet,
  'reviews.save': reviewsSave,
  'reviews.actions': reviewsActions,
  'reviews.completeAction': reviewsCompleteAction,
  'reviews.pack': reviewsPack,
  'progress.forPupil': progressForPupil,
  'parentUpdates.list': parentUpdatesList,
  'parentUpdates.save': parentUpdatesSave,
  'parentUpdates.summary': parentUpdatesSummary,
  'access.matrix': accessMatrixOp,
  'dashboard.worklist': dashboardWorklist,
  'passports.get': passportsGet,
  'passports.getVersion': passportsGetVersion,
  'passports.save': passportsSave,
  'passports.suggestStrategies': passportsSuggestStrategies,
  'passports.list': passportsList,
  'passports.pdf': passportsPdf,
  'drafts.get': draftsGet,
  'drafts.list': draftsList,
  'drafts.save': draftsSave,
  'drafts.discard': draftsDiscard,
  'provisions.list': provisionsList,
  'provisions.get': provisionsGet,
  'provisions.create': provisionsCreate,
  'provisions.update': provisionsUpdate,
  'provisions.end': provisionsEnd,
  'provisions.placements.add': placementsAdd,
  'provisions.placements.end': placementsEnd,
  'provisions.placements.measures': placementsMeasures,
  'provision.rates.get': ratesGet,
  'provision.rates.set': ratesSet,
  'provision.threshold.get': thresholdGet,
  'provision.threshold.set': thresholdSet,
  'provision.map': provisionMapOp,
  'provision.map.csv': provisionMapCsv,
  'provision.map.pdf': provisionMapPdf,
  'provision.funding.pdf': provisionFundingPdf,
};
