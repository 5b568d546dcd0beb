/**
 * The sections of the plan editor, in the order of the plan (A to K). Needs, outcomes and provision are numbered
 * rows that can be added, moved and removed; removing a row also removes the links to it, and can be undone.
 */
import { useEffect, useId, type ReactNode } from 'react';
import { useFieldArray, useFormContext, useWatch, type UseFieldArrayReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import AddOutlined from '@mui/icons-material/AddOutlined';
import ArrowUpward from '@mui/icons-material/ArrowUpward';
import ArrowDownward from '@mui/icons-material/ArrowDownward';
import DeleteOutline from '@mui/icons-material/DeleteOutlineOutlined';
import { FREQUENCY_PERIODS, NEED_AREAS, PFA_AREAS, isQuantified, type ItemSection } from '../../../../shared/ehcp';
import { t as translate } from '../../../../shared/i18n';
import { FormDate, FormSelect, FormText } from '../form-fields';
import { FormCheckbox, FormCount, FormMultiSelect, type LinkOption } from './fields';
import { useEditorActions } from './editor-context';
import { ProvisionPicker } from '../provisions/provision-picker';
import { areaLabel, newKey, quantityText, rowDomId, shortText, type ContentIn, type PlanFormIn } from './plan-model';

const grid2 = { display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' } } as const;

export function SectionCard({
  id,
  title,
  intro,
  children,
}: {
  readonly id: string;
  readonly title: string;
  readonly intro?: string;
  readonly children: ReactNode;
}) {
  const headingId = `${id}-heading`;
  return (
    <Paper
      variant="outlined"
      component="section"
      id={id}
      aria-labelledby={headingId}
      sx={{ p: { xs: 2, md: 3 }, mb: 2, scrollMarginTop: 88 }}
    >
      <Typography id={headingId} variant="h2" sx={{ fontSize: '1.2rem', mb: intro ? 0.5 : 2 }}>
        {title}
      </Typography>
      {intro ? (
        <Typography color="text.secondary" sx={{ mb: 2, maxWidth: 760 }}>
          {intro}
        </Typography>
      ) : null}
      {children}
    </Paper>
  );
}

/** One numbered row: its number and name, move up and down, remove; then its fields. */
function RowFrame({
  domId,
  row,
  index,
  count,
  onMove,
  onRemove,
  children,
}: {
  readonly domId: string;
  readonly row: string;
  readonly index: number;
  readonly count: number;
  readonly onMove: (to: number) => void;
  readonly onRemove: () => void;
  readonly children: ReactNode;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <Box
      component="li"
      id={domId}
      aria-labelledby={titleId}
      sx={{
        listStyle: 'none',
        border: 1,
        borderColor: 'divider',
        borderRadius: 1,
        p: 2,
        scrollMarginTop: 96,
        scrollMarginBottom: 96,
        '&:focus-within': { borderColor: 'primary.light' },
      }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1.5 }}>
        <Box
          aria-hidden
          sx={{
            minWidth: 28,
            height: 28,
            px: 0.75,
            borderRadius: 14,
            bgcolor: 'primary.main',
            color: 'primary.contrastText',
            display: 'grid',
            placeItems: 'center',
            fontWeight: 600,
            fontSize: '0.85rem',
          }}
        >
          {index + 1}
        </Box>
        <Typography id={titleId} component="h3" sx={{ fontWeight: 500, flex: 1 }}>
          {row}
        </Typography>
        <Tooltip title={t('ehcpUi.rows.up', { row })}>
          <span>
            <IconButton size="small" aria-label={t('ehcpUi.rows.up', { row })} disabled={index === 0} onClick={() => onMove(index - 1)}>
              <ArrowUpward fontSize="small" />
            </IconButton>
          </span>
        </Tooltip>
        <Tooltip title={t('ehcpUi.rows.down', { row })}>
          <span>
            <IconButton
              size="small"
              aria-label={t('ehcpUi.rows.down', { row })}
              disabled={index === count - 1}
              onClick={() => onMove(index + 1)}
            >
              <ArrowDownward fontSize="small" />
            </IconButton>
          </span>
        </Tooltip>
        <Tooltip title={t('ehcpUi.rows.remove', { row })}>
          <IconButton size="small" aria-label={t('ehcpUi.rows.remove', { row })} onClick={onRemove}>
            <DeleteOutline fontSize="small" />
          </IconButton>
        </Tooltip>
      </Box>
      {children}
    </Box>
  );
}

/**
 * What every list of rows does when a row is moved (says where it went) or removed (keeps the plan as it was, for
 * "Undo", and says so): the same in sections B, E, F, K and the item sections.
 */
function useRowActions() {
  const { t } = useTranslation();
  const { getValues } = useFormContext<PlanFormIn>();
  const actions = useEditorActions();
  return {
    moved: (row: string, to: number) => actions.announce(t('ehcpUi.rows.moved', { row, n: to + 1 })),
    remove: (row: string, drop: () => void) => {
      const snapshot = structuredClone(getValues('content'));
      drop();
      actions.removed(snapshot, row);
    },
  };
}

function RowList({ children, label }: { readonly children: ReactNode; readonly label: string }) {
  return (
    <Box component="ol" aria-label={label} sx={{ p: 0, m: 0, mb: 2, display: 'grid', gap: 2 }}>
      {children}
    </Box>
  );
}

function Empty({ text }: { readonly text: string }) {
  return (
    <Typography color="text.secondary" sx={{ mb: 2 }}>
      {text}
    </Typography>
  );
}

const areaOptions = () => NEED_AREAS.map((a) => ({ value: a, label: translate(`ehcpUi.areas.${a}`) }));
const periodOptions = () => [
  { value: '', label: translate('ehcpUi.fields.noPeriod') },
  ...FREQUENCY_PERIODS.map((p) => ({ value: p, label: translate(`ehcpUi.periods.${p}`) })),
];
const pfaOptions = () => [
  { value: '', label: translate('ehcpUi.fields.noPfa') },
  ...PFA_AREAS.map((p) => ({ value: p, label: translate(`ehcpUi.pfa.${p}`) })),
];

export function SectionA() {
  const { t } = useTranslation();
  const { control } = useFormContext<PlanFormIn>();
  return (
    <SectionCard id="ehcp-section-A" title={t('ehcpUi.sections.A')} intro={t('ehcpUi.intros.A')}>
      <Box sx={{ display: 'grid', gap: 2 }}>
        <FormText control={control} name="content.sectionA.views" nullable multiline minRows={2} label={t('ehcpUi.fields.views')} />
        <FormText control={control} name="content.sectionA.interests" nullable multiline minRows={2} label={t('ehcpUi.fields.interests')} />
        <FormText
          control={control}
          name="content.sectionA.aspirations"
          nullable
          multiline
          minRows={2}
          label={t('ehcpUi.fields.aspirations')}
        />
      </Box>
    </SectionCard>
  );
}

/** Strips links to removed rows, so the plan never points at something that is not in it. */
function dropLinks(content: ContentIn, list: 'needs' | 'outcomes', key: string): ContentIn {
  if (list === 'needs')
    return { ...content, outcomes: content.outcomes.map((o) => ({ ...o, needKeys: o.needKeys.filter((k) => k !== key) })) };
  return { ...content, provision: content.provision.map((p) => ({ ...p, outcomeKeys: p.outcomeKeys.filter((k) => k !== key) })) };
}

export function NeedsSection() {
  const { t } = useTranslation();
  const { control, getValues, setValue } = useFormContext<PlanFormIn>();
  const rows = useRowActions();
  const needs = useFieldArray({ control, name: 'content.needs', keyName: 'fieldId' });
  return (
    <SectionCard id="ehcp-section-B" title={t('ehcpUi.sections.B')} intro={t('ehcpUi.intros.B')}>
      {needs.fields.length === 0 ? <Empty text={t('ehcpUi.rows.noNeeds')} /> : null}
      {needs.fields.length > 0 ? (
        <RowList label={t('ehcpUi.sections.B')}>
          {needs.fields.map((f, i) => {
            const row = t('ehcpUi.rows.need', { n: i + 1 });
            return (
              <RowFrame
                key={f.fieldId}
                domId={rowDomId('needs', f.key)}
                row={row}
                index={i}
                count={needs.fields.length}
                onMove={(to) => {
                  needs.swap(i, to);
                  rows.moved(row, to);
                }}
                onRemove={() =>
                  rows.remove(row, () => {
                    const key = getValues(`content.needs.${i}.key`);
                    needs.remove(i);
                    const next = dropLinks(getValues('content'), 'needs', key);
                    next.outcomes.forEach((o, j) => setValue(`content.outcomes.${j}.needKeys`, o.needKeys, { shouldDirty: true }));
                  })
                }
              >
                <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '300px minmax(0, 1fr)' }, alignItems: 'start' }}>
                  <FormSelect
                    control={control}
                    name={`content.needs.${i}.area`}
                    label={t('ehcpUi.fields.area')}
                    required
                    options={areaOptions()}
                  />
                  <FormText
                    control={control}
                    name={`content.needs.${i}.description`}
                    label={t('ehcpUi.fields.needDescription')}
                    required
                    multiline
                    minRows={2}
                  />
                </Box>
              </RowFrame>
            );
          })}
        </RowList>
      ) : null}
      <Button
        variant="outlined"
        startIcon={<AddOutlined />}
        disabled={needs.fields.length >= 60}
        onClick={() =>
          needs.append(
            { key: newKey(), area: undefined as unknown as 'semh', description: '' },
            { shouldFocus: true, focusName: `content.needs.${needs.fields.length}.area` },
          )
        }
      >
        {t('ehcpUi.rows.addNeed')}
      </Button>
    </SectionCard>
  );
}

type ItemsArray = UseFieldArrayReturn<PlanFormIn, 'content.items', 'fieldId'>;

/** Sections C, D, G, H1 and H2 share one list of items, each shown in its own section. */
export function ItemsSection({ section, items }: { readonly section: ItemSection; readonly items: ItemsArray }) {
  const { t } = useTranslation();
  const { control } = useFormContext<PlanFormIn>();
  const rows = useRowActions();
  const mine = items.fields.map((f, index) => ({ f, index })).filter(({ f }) => f.section === section);
  return (
    <SectionCard id={`ehcp-section-${section}`} title={t(`ehcpUi.sections.${section}`)} intro={t(`ehcpUi.intros.${section}`)}>
      {mine.length === 0 ? <Empty text={t('ehcpUi.rows.noItems')} /> : null}
      {mine.length > 0 ? (
        <RowList label={t(`ehcpUi.sections.${section}`)}>
          {mine.map(({ f, index }, n) => {
            const row = `${section}${n + 1}`;
            return (
              <RowFrame
                key={f.fieldId}
                domId={rowDomId('items', f.fieldId)}
                row={row}
                index={n}
                count={mine.length}
                onMove={(to) => {
                  const other = mine[to];
                  if (!other) return;
                  items.swap(index, other.index);
                  rows.moved(row, to);
                }}
                onRemove={() => rows.remove(row, () => items.remove(index))}
              >
                <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '2fr 1fr' }, alignItems: 'start' }}>
                  <FormText
                    control={control}
                    name={`content.items.${index}.description`}
                    label={t('ehcpUi.fields.itemDescription')}
                    required
                    multiline
                    minRows={2}
                  />
                  <FormText
                    control={control}
                    name={`content.items.${index}.provider`}
                    nullable
                    label={t('ehcpUi.fields.provider')}
                    helperText={t('ehcpUi.fields.providerHelp')}
                  />
                </Box>
              </RowFrame>
            );
          })}
        </RowList>
      ) : null}
      <Button
        variant="outlined"
        startIcon={<AddOutlined />}
        disabled={items.fields.length >= 120}
        onClick={() =>
          items.append(
            { section, description: '', provider: null },
            { shouldFocus: true, focusName: `content.items.${items.fields.length}.description` },
          )
        }
      >
        {t('ehcpUi.rows.addItem', { section })}
      </Button>
    </SectionCard>
  );
}

function useNeedOptions(): LinkOption[] {
  const { control } = useFormContext<PlanFormIn>();
  const needs = useWatch({ control, name: 'content.needs' }) ?? [];
  return needs.map((n, i) => {
    const area = areaLabel(n.area);
    const text = shortText(n.description, 60) || translate('ehcpUi.rows.untitled');
    return {
      value: n.key,
      short: translate('ehcpUi.rows.need', { n: i + 1 }),
      label: translate('ehcpUi.rows.needOption', { n: i + 1, text: area ? `${area} – ${text}` : text }),
    };
  });
}

function useOutcomeOptions(): LinkOption[] {
  const { control } = useFormContext<PlanFormIn>();
  const outcomes = useWatch({ control, name: 'content.outcomes' }) ?? [];
  return outcomes.map((o, i) => ({
    value: o.key,
    short: translate('ehcpUi.rows.outcome', { n: i + 1 }),
    label: translate('ehcpUi.rows.outcomeOption', { n: i + 1, text: shortText(o.description, 60) || translate('ehcpUi.rows.untitled') }),
  }));
}

export function OutcomesSection() {
  const { t } = useTranslation();
  const { control, getValues, setValue } = useFormContext<PlanFormIn>();
  const rows = useRowActions();
  const outcomes = useFieldArray({ control, name: 'content.outcomes', keyName: 'fieldId' });
  const needOptions = useNeedOptions();
  return (
    <SectionCard id="ehcp-section-E" title={t('ehcpUi.sections.E')} intro={t('ehcpUi.intros.E')}>
      {outcomes.fields.length === 0 ? <Empty text={t('ehcpUi.rows.noOutcomes')} /> : null}
      {outcomes.fields.length > 0 ? (
        <RowList label={t('ehcpUi.sections.E')}>
          {outcomes.fields.map((f, i) => {
            const row = t('ehcpUi.rows.outcome', { n: i + 1 });
            return (
              <RowFrame
                key={f.fieldId}
                domId={rowDomId('outcomes', f.key)}
                row={row}
                index={i}
                count={outcomes.fields.length}
                onMove={(to) => {
                  outcomes.swap(i, to);
                  rows.moved(row, to);
                }}
                onRemove={() =>
                  rows.remove(row, () => {
                    const key = getValues(`content.outcomes.${i}.key`);
                    outcomes.remove(i);
                    const next = dropLinks(getValues('content'), 'outcomes', key);
                    next.provision.forEach((p, j) => setValue(`content.provision.${j}.outcomeKeys`, p.outcomeKeys, { shouldDirty: true }));
                  })
                }
              >
                <Box sx={{ display: 'grid', gap: 2 }}>
                  <FormText
                    control={control}
                    name={`content.outcomes.${i}.description`}
                    label={t('ehcpUi.fields.outcomeDescription')}
                    required
                    multiline
                    minRows={2}
                  />
                  <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '2fr 1fr' }, alignItems: 'start' }}>
                    <FormMultiSelect
                      control={control}
                      name={`content.outcomes.${i}.needKeys`}
                      label={t('ehcpUi.fields.needKeys')}
                      options={needOptions}
                      emptyText={t('ehcpUi.rows.noNeedsToLink')}
                    />
                    <FormDate control={control} name={`content.outcomes.${i}.targetDate`} label={t('ehcpUi.fields.targetDate')} />
                  </Box>
                  <Box sx={grid2}>
                    <FormSelect
                      control={control}
                      name={`content.outcomes.${i}.pfaArea`}
                      nullable
                      label={t('ehcpUi.fields.pfaArea')}
                      helperText={t('ehcpUi.fields.pfaHelp')}
                      options={pfaOptions()}
                    />
                  </Box>
                </Box>
              </RowFrame>
            );
          })}
        </RowList>
      ) : null}
      <Button
        variant="outlined"
        startIcon={<AddOutlined />}
        disabled={outcomes.fields.length >= 60}
        onClick={() =>
          outcomes.append(
            { key: newKey(), description: '', targetDate: null, needKeys: [], pfaArea: null },
            { shouldFocus: true, focusName: `content.outcomes.${outcomes.fields.length}.description` },
          )
        }
      >
        {t('ehcpUi.rows.addOutcome')}
      </Button>
    </SectionCard>
  );
}

function QuantifiedBox({ index }: { readonly index: number }) {
  const { t } = useTranslation();
  const { control, trigger, formState } = useFormContext<PlanFormIn>();
  const p = useWatch({ control, name: `content.provision.${index}` });
  const { isSubmitted } = formState;
  const marked = !!p?.markedQuantified;
  const counts = {
    frequencyCount: Number.isFinite(p?.frequencyCount) ? (p?.frequencyCount ?? null) : null,
    frequencyPeriod: p?.frequencyPeriod ?? null,
    sessionMinutes: Number.isFinite(p?.sessionMinutes) ? (p?.sessionMinutes ?? null) : null,
  };
  // Live, from the row's own numbers: the message appears as soon as the box is ticked and goes once they are filled.
  const message = marked && !isQuantified(counts) ? t('validation.notQuantified') : null;
  // After a failed save, the messages that depend on several of the row's fields follow each of them.
  useEffect(() => {
    if (isSubmitted) void trigger([`content.provision.${index}.markedQuantified`, `content.provision.${index}.frequencyPeriod`]);
  }, [isSubmitted, trigger, index, marked, counts.frequencyCount, counts.frequencyPeriod, counts.sessionMinutes]);
  const summary = p
    ? quantityText({
        ...counts,
        durationWeeks: Number.isFinite(p.durationWeeks) ? (p.durationWeeks ?? null) : null,
        groupSize: Number.isFinite(p.groupSize) ? (p.groupSize ?? null) : null,
      })
    : '';
  return (
    <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', flexWrap: 'wrap' }}>
      <Box sx={{ flex: '1 1 320px' }}>
        <FormCheckbox
          control={control}
          name={`content.provision.${index}.markedQuantified`}
          label={t('ehcpUi.fields.markedQuantified')}
          helperText={t('ehcpUi.fields.markedQuantifiedHelp')}
          message={message}
        />
      </Box>
      {summary ? (
        <Typography variant="body2" color="text.secondary" sx={{ flex: '1 1 240px', pt: 1.25 }}>
          {summary}
        </Typography>
      ) : null}
    </Box>
  );
}

/**
 * The line's optional link to the school's provision catalogue: choosing a provision fills what the catalogue knows
 * (what it is, how often, how long, the group and who delivers it) and keeps its id, so it is not typed twice.
 */
function CatalogueLink({ index }: { readonly index: number }) {
  const { control, setValue } = useFormContext<PlanFormIn>();
  const linked = useWatch({ control, name: `content.provision.${index}.provisionId` });
  const at = `content.provision.${index}` as const;
  const opts = { shouldDirty: true, shouldValidate: true } as const;
  return (
    <ProvisionPicker
      name={`${at}.provisionId`}
      value={linked ?? null}
      onChange={(p) => {
        setValue(`${at}.provisionId`, p?.id ?? null, { shouldDirty: true });
        if (!p) return;
        setValue(`${at}.description`, p.description ? `${p.name}: ${p.description}` : p.name, opts);
        setValue(`${at}.frequencyCount`, p.sessionsPerWeek, opts);
        setValue(`${at}.frequencyPeriod`, 'week', opts);
        setValue(`${at}.sessionMinutes`, p.minutesPerSession, opts);
        setValue(`${at}.groupSize`, p.groupSize, opts);
        setValue(`${at}.deliveredBy`, translate(`provisionUi.roles.${p.staffRole}`), opts);
      }}
    />
  );
}

export function ProvisionSection() {
  const { t } = useTranslation();
  const { control } = useFormContext<PlanFormIn>();
  const rows = useRowActions();
  const provision = useFieldArray({ control, name: 'content.provision', keyName: 'fieldId' });
  const outcomeOptions = useOutcomeOptions();
  return (
    <SectionCard id="ehcp-section-F" title={t('ehcpUi.sections.F')} intro={t('ehcpUi.intros.F')}>
      {provision.fields.length === 0 ? <Empty text={t('ehcpUi.rows.noProvision')} /> : null}
      {provision.fields.length > 0 ? (
        <RowList label={t('ehcpUi.sections.F')}>
          {provision.fields.map((f, i) => {
            const row = t('ehcpUi.rows.provision', { n: i + 1 });
            return (
              <RowFrame
                key={f.fieldId}
                domId={rowDomId('provision', f.key)}
                row={row}
                index={i}
                count={provision.fields.length}
                onMove={(to) => {
                  provision.swap(i, to);
                  rows.moved(row, to);
                }}
                onRemove={() => rows.remove(row, () => provision.remove(i))}
              >
                <Box sx={{ display: 'grid', gap: 2 }}>
                  <CatalogueLink index={i} />
                  <FormText
                    control={control}
                    name={`content.provision.${i}.description`}
                    label={t('ehcpUi.fields.provisionDescription')}
                    required
                    multiline
                    minRows={2}
                  />
                  <Box
                    role="group"
                    aria-label={t('ehcpUi.fields.quantities')}
                    sx={{
                      display: 'grid',
                      gap: 2,
                      gridTemplateColumns: { xs: '1fr 1fr', md: 'repeat(3, minmax(0, 1fr))' },
                      alignItems: 'start',
                    }}
                  >
                    <FormCount control={control} name={`content.provision.${i}.frequencyCount`} label={t('ehcpUi.fields.frequencyCount')} />
                    <FormSelect
                      control={control}
                      name={`content.provision.${i}.frequencyPeriod`}
                      nullable
                      label={t('ehcpUi.fields.frequencyPeriod')}
                      options={periodOptions()}
                    />
                    <FormCount control={control} name={`content.provision.${i}.sessionMinutes`} label={t('ehcpUi.fields.sessionMinutes')} />
                    <FormCount control={control} name={`content.provision.${i}.durationWeeks`} label={t('ehcpUi.fields.durationWeeks')} />
                    <FormCount
                      control={control}
                      name={`content.provision.${i}.groupSize`}
                      label={t('ehcpUi.fields.groupSize')}
                      helperText={t('ehcpUi.fields.groupSizeHelp')}
                    />
                  </Box>
                  <Box sx={grid2}>
                    <FormText
                      control={control}
                      name={`content.provision.${i}.deliveredBy`}
                      nullable
                      multiline
                      label={t('ehcpUi.fields.deliveredBy')}
                      helperText={t('ehcpUi.fields.deliveredByHelp')}
                    />
                    <FormText
                      control={control}
                      name={`content.provision.${i}.expertise`}
                      nullable
                      multiline
                      label={t('ehcpUi.fields.expertise')}
                    />
                  </Box>
                  <FormMultiSelect
                    control={control}
                    name={`content.provision.${i}.outcomeKeys`}
                    label={t('ehcpUi.fields.outcomeKeys')}
                    options={outcomeOptions}
                    emptyText={t('ehcpUi.rows.noOutcomesToLink')}
                  />
                  <QuantifiedBox index={i} />
                </Box>
              </RowFrame>
            );
          })}
        </RowList>
      ) : null}
      <Button
        variant="outlined"
        startIcon={<AddOutlined />}
        disabled={provision.fields.length >= 80}
        onClick={() =>
          provision.append(
            {
              key: newKey(),
              description: '',
              frequencyCount: null,
              frequencyPeriod: null,
              sessionMinutes: null,
              durationWeeks: null,
              groupSize: null,
              deliveredBy: null,
              expertise: null,
              markedQuantified: false,
              outcomeKeys: [],
              provisionId: null,
            },
            { shouldFocus: true, focusName: `content.provision.${provision.fields.length}.description` },
          )
        }
      >
        {t('ehcpUi.rows.addProvision')}
      </Button>
    </SectionCard>
  );
}

export function PlacementSection() {
  const { t } = useTranslation();
  const { control } = useFormContext<PlanFormIn>();
  return (
    <SectionCard id="ehcp-section-I" title={t('ehcpUi.sections.I')} intro={t('ehcpUi.intros.I')}>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '2fr 1fr 1fr' }, alignItems: 'start' }}>
        <FormText control={control} name="content.placement.name" nullable label={t('ehcpUi.fields.placementName')} />
        <FormText
          control={control}
          name="content.placement.urn"
          nullable
          label={t('ehcpUi.fields.placementUrn')}
          helperText={t('setup.urnHelp')}
          inputMode="numeric"
        />
        <FormText
          control={control}
          name="content.placement.type"
          nullable
          label={t('ehcpUi.fields.placementType')}
          helperText={t('ehcpUi.fields.placementTypeHelp')}
        />
      </Box>
    </SectionCard>
  );
}

export function BudgetSection() {
  const { t } = useTranslation();
  const { control } = useFormContext<PlanFormIn>();
  return (
    <SectionCard id="ehcp-section-J" title={t('ehcpUi.sections.J')} intro={t('ehcpUi.intros.J')}>
      <FormText control={control} name="content.personalBudget" nullable multiline minRows={2} label={t('ehcpUi.fields.personalBudget')} />
    </SectionCard>
  );
}

export function AdviceSection() {
  const { t } = useTranslation();
  const { control } = useFormContext<PlanFormIn>();
  const rows = useRowActions();
  const advice = useFieldArray({ control, name: 'content.advice', keyName: 'fieldId' });
  return (
    <SectionCard id="ehcp-section-K" title={t('ehcpUi.sections.K')} intro={t('ehcpUi.intros.K')}>
      {advice.fields.length === 0 ? <Empty text={t('ehcpUi.rows.noAdvice')} /> : null}
      {advice.fields.length > 0 ? (
        <RowList label={t('ehcpUi.sections.K')}>
          {advice.fields.map((f, i) => {
            const row = t('ehcpUi.rows.advice', { n: i + 1 });
            return (
              <RowFrame
                key={f.fieldId}
                domId={rowDomId('advice', f.fieldId)}
                row={row}
                index={i}
                count={advice.fields.length}
                onMove={(to) => {
                  advice.swap(i, to);
                  rows.moved(row, to);
                }}
                onRemove={() => rows.remove(row, () => advice.remove(i))}
              >
                <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '2fr 1.5fr 1fr' }, alignItems: 'start' }}>
                  <FormText control={control} name={`content.advice.${i}.title`} label={t('ehcpUi.fields.adviceTitle')} required />
                  <FormText control={control} name={`content.advice.${i}.author`} label={t('ehcpUi.fields.adviceAuthor')} required />
                  <FormDate control={control} name={`content.advice.${i}.date`} label={t('ehcpUi.fields.adviceDate')} required />
                </Box>
              </RowFrame>
            );
          })}
        </RowList>
      ) : null}
      <Button
        variant="outlined"
        startIcon={<AddOutlined />}
        disabled={advice.fields.length >= 60}
        onClick={() =>
          advice.append(
            { title: '', author: '', date: '' },
            { shouldFocus: true, focusName: `content.advice.${advice.fields.length}.title` },
          )
        }
      >
        {t('ehcpUi.rows.addAdvice')}
      </Button>
    </SectionCard>
  );
}
