/**
 * One saved version of a plan as a document: every section A to K, needs, outcomes and provision numbered, with
 * the links between them written out. The same component is the read-only screen (earlier versions, and roles
 * that cannot edit) and the printed plan, so what is printed is exactly what was saved.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { PlanView } from '../../../../shared/contract';
import type { ItemSection } from '../../../../shared/ehcp';
import { formatLongDate } from '../../../../shared/dates';
import { areaLabel, quantityText, rowDomId } from './plan-model';

type Variant = 'screen' | 'print';

function DocSection({
  id,
  title,
  variant,
  children,
}: {
  readonly id: string;
  readonly title: string;
  readonly variant: Variant;
  readonly children: ReactNode;
}) {
  const headingId = `${variant}-${id}-heading`;
  const heading = (
    <Typography
      id={headingId}
      variant="h2"
      sx={
        variant === 'print'
          ? { fontSize: '13pt', fontWeight: 700, mb: '4pt', borderBottom: '1pt solid #000', pb: '2pt' }
          : { fontSize: '1.2rem', mb: 1.5 }
      }
    >
      {title}
    </Typography>
  );
  if (variant === 'print') {
    return (
      <Box component="section" aria-labelledby={headingId} className="print-section" sx={{ mb: '12pt' }}>
        {heading}
        {children}
      </Box>
    );
  }
  return (
    <Paper variant="outlined" component="section" id={`doc-${id}`} aria-labelledby={headingId} sx={{ p: { xs: 2, md: 3 }, mb: 2 }}>
      {heading}
      {children}
    </Paper>
  );
}

function Nothing() {
  const { t } = useTranslation();
  return <Typography sx={{ color: 'text.secondary', fontStyle: 'italic' }}>{t('ehcpUi.print.nothing')}</Typography>;
}

function Para({ label, text }: { readonly label: string; readonly text: string | null }) {
  return (
    <Box sx={{ mb: 1, breakInside: 'avoid' }}>
      <Typography sx={{ fontWeight: 600 }}>{label}</Typography>
      {text ? <Typography sx={{ whiteSpace: 'pre-wrap' }}>{text}</Typography> : <Nothing />}
    </Box>
  );
}

function Numbered({
  n,
  title,
  children,
  id,
}: {
  readonly n: number;
  readonly title: string;
  readonly children: ReactNode;
  readonly id?: string;
}) {
  return (
    <Box
      component="li"
      id={id}
      sx={{ listStyle: 'none', display: 'grid', gridTemplateColumns: '2.2em 1fr', gap: 1, mb: 1.25, breakInside: 'avoid' }}
    >
      <Box
        aria-hidden
        sx={{
          fontWeight: 700,
          border: '1px solid',
          borderColor: 'text.primary',
          borderRadius: '4px',
          textAlign: 'center',
          height: '1.6em',
          lineHeight: '1.6em',
        }}
      >
        {n}
      </Box>
      <Box sx={{ minWidth: 0 }}>
        <Typography sx={{ fontWeight: 600 }}>{title}</Typography>
        {children}
      </Box>
    </Box>
  );
}

function Meta({ children }: { readonly children: ReactNode }) {
  return (
    <Typography variant="body2" sx={{ color: 'text.secondary' }}>
      {children}
    </Typography>
  );
}

export function PlanDocument({
  view,
  variant,
  ownerName,
}: {
  readonly view: PlanView;
  readonly variant: Variant;
  readonly ownerName?: string | null;
}) {
  const { t } = useTranslation();
  const c = view.content;
  const needNo = new Map(c.needs.map((n, i) => [n.key, i + 1]));
  const outcomeNo = new Map(c.outcomes.map((o, i) => [o.key, i + 1]));
  const list = (nums: (number | undefined)[], key: 'need' | 'outcome' | 'provision') =>
    nums
      .filter((n): n is number => n !== undefined)
      .map((n) => t(`ehcpUi.rows.${key}`, { n }))
      .join(', ') || t('ehcpUi.print.noLinks');
  const items = (section: ItemSection) => c.items.filter((i) => i.section === section);
  const v = view.version;

  return (
    <Box className={variant === 'print' ? 'plan-print-document' : undefined}>
      {variant === 'print' ? (
        <Box component="header" sx={{ mb: '14pt', pb: '8pt', borderBottom: '2pt solid #000' }}>
          <Typography sx={{ fontWeight: 700, letterSpacing: '0.08em', textTransform: 'uppercase', fontSize: '9pt' }}>
            {t('ehcpUi.print.confidential')}
          </Typography>
          <Typography component="h1" sx={{ fontSize: '18pt', fontWeight: 700, mt: '4pt' }}>
            {t('ehcpUi.print.forPupil', { name: view.pupilName })}
          </Typography>
          <Typography sx={{ fontSize: '11pt' }}>{t('ehcpUi.print.title')}</Typography>
          <Box
            component="dl"
            sx={{
              display: 'grid',
              gridTemplateColumns: 'auto 1fr auto 1fr',
              columnGap: '10pt',
              rowGap: '2pt',
              m: 0,
              mt: '8pt',
              fontSize: '10pt',
              '& dt': { fontWeight: 600 },
              '& dd': { m: 0 },
            }}
          >
            <dt>{t('ehcpUi.fields.localAuthority')}</dt>
            <dd>{view.plan.localAuthority}</dd>
            <dt>{t('ehcpUi.fields.status')}</dt>
            <dd>{t(`ehcpUi.status.${view.plan.status}`)}</dd>
            <dt>{t('ehcpUi.fields.issuedDate')}</dt>
            <dd>{view.plan.issuedDate ? formatLongDate(view.plan.issuedDate) : t('ehcpUi.notYet')}</dd>
            <dt>{t('ehcpUi.plan.version')}</dt>
            <dd>
              {t('ehcpUi.print.versionLine', {
                n: v.number,
                kind: t(`ehcpUi.plan.kinds.${v.kind}`),
                date: formatLongDate(v.effectiveDate),
              })}
            </dd>
            {ownerName ? (
              <>
                <dt>{t('ehcpUi.fields.owner')}</dt>
                <dd>{ownerName}</dd>
              </>
            ) : null}
            {view.plan.ceasedDate ? (
              <>
                <dt>{t('ehcpUi.fields.ceasedDate')}</dt>
                <dd>{formatLongDate(view.plan.ceasedDate)}</dd>
              </>
            ) : null}
          </Box>
          {v.reason ? (
            <Typography sx={{ fontSize: '10pt', mt: '4pt' }}>{t('ehcpUi.plan.amendmentReason', { reason: v.reason })}</Typography>
          ) : null}
        </Box>
      ) : null}

      <DocSection id="A" title={t('ehcpUi.sections.A')} variant={variant}>
        <Para label={t('ehcpUi.fields.views')} text={c.sectionA.views} />
        <Para label={t('ehcpUi.fields.interests')} text={c.sectionA.interests} />
        <Para label={t('ehcpUi.fields.aspirations')} text={c.sectionA.aspirations} />
      </DocSection>

      <DocSection id="B" title={t('ehcpUi.sections.B')} variant={variant}>
        {c.needs.length === 0 ? (
          <Nothing />
        ) : (
          <Box component="ol" sx={{ p: 0, m: 0 }}>
            {c.needs.map((n, i) => {
              const outcomes = c.outcomes.filter((o) => o.needKeys.includes(n.key));
              const provision = c.provision.filter((p) => p.outcomeKeys.some((k) => outcomes.some((o) => o.key === k)));
              return (
                <Numbered
                  key={n.key}
                  n={i + 1}
                  id={variant === 'screen' ? rowDomId('needs', n.key) : undefined}
                  title={`${t('ehcpUi.rows.need', { n: i + 1 })}: ${areaLabel(n.area) ?? ''}`}
                >
                  <Typography sx={{ whiteSpace: 'pre-wrap' }}>{n.description}</Typography>
                  <Meta>
                    {t('ehcpUi.print.servedBy', {
                      outcomes: list(
                        outcomes.map((o) => outcomeNo.get(o.key)),
                        'outcome',
                      ),
                      provision: list(
                        provision.map((p) => c.provision.indexOf(p) + 1),
                        'provision',
                      ),
                    })}
                  </Meta>
                </Numbered>
              );
            })}
          </Box>
        )}
      </DocSection>

      {(['C', 'D'] as const).map((s) => (
        <ItemsDoc key={s} section={s} rows={items(s)} variant={variant} />
      ))}

      <DocSection id="E" title={t('ehcpUi.sections.E')} variant={variant}>
        {c.outcomes.length === 0 ? (
          <Nothing />
        ) : (
          <Box component="ol" sx={{ p: 0, m: 0 }}>
            {c.outcomes.map((o, i) => (
              <Numbered
                key={o.key}
                n={i + 1}
                id={variant === 'screen' ? rowDomId('outcomes', o.key) : undefined}
                title={t('ehcpUi.rows.outcome', { n: i + 1 })}
              >
                <Typography sx={{ whiteSpace: 'pre-wrap' }}>{o.description}</Typography>
                <Meta>
                  {[
                    o.targetDate ? t('ehcpUi.print.target', { date: formatLongDate(o.targetDate) }) : null,
                    t('ehcpUi.print.answers', {
                      list: list(
                        o.needKeys.map((k) => needNo.get(k)),
                        'need',
                      ),
                    }),
                    o.pfaArea ? t('ehcpUi.print.pfa', { area: t(`ehcpUi.pfa.${o.pfaArea}`) }) : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </Meta>
              </Numbered>
            ))}
          </Box>
        )}
      </DocSection>

      <DocSection id="F" title={t('ehcpUi.sections.F')} variant={variant}>
        {c.provision.length === 0 ? (
          <Nothing />
        ) : (
          <Box component="ol" sx={{ p: 0, m: 0 }}>
            {c.provision.map((p, i) => {
              const q = quantityText(p);
              return (
                <Numbered
                  key={p.key}
                  n={i + 1}
                  id={variant === 'screen' ? rowDomId('provision', p.key) : undefined}
                  title={t('ehcpUi.rows.provision', { n: i + 1 })}
                >
                  <Typography sx={{ whiteSpace: 'pre-wrap' }}>{p.description}</Typography>
                  {q ? <Typography variant="body2">{q}</Typography> : null}
                  <Meta>
                    {[
                      p.deliveredBy ? t('ehcpUi.print.deliveredBy', { who: p.deliveredBy }) : null,
                      p.expertise ? t('ehcpUi.print.expertise', { what: p.expertise }) : null,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </Meta>
                  <Meta>
                    {t('ehcpUi.print.serves', {
                      list: list(
                        p.outcomeKeys.map((k) => outcomeNo.get(k)),
                        'outcome',
                      ),
                    })}
                    {' · '}
                    {p.markedQuantified ? t('ehcpUi.print.quantified') : t('ehcpUi.print.notQuantified')}
                  </Meta>
                </Numbered>
              );
            })}
          </Box>
        )}
      </DocSection>

      {(['G', 'H1', 'H2'] as const).map((s) => (
        <ItemsDoc key={s} section={s} rows={items(s)} variant={variant} />
      ))}

      <DocSection id="I" title={t('ehcpUi.sections.I')} variant={variant}>
        {c.placement.name || c.placement.type ? (
          <>
            <Typography sx={{ fontWeight: 600 }}>
              {c.placement.name ?? t('ehcpUi.notRecorded')}
              {c.placement.urn ? ` (${t('ehcpUi.print.urn', { urn: c.placement.urn })})` : ''}
            </Typography>
            {c.placement.type ? <Typography>{c.placement.type}</Typography> : null}
          </>
        ) : (
          <Nothing />
        )}
      </DocSection>

      <DocSection id="J" title={t('ehcpUi.sections.J')} variant={variant}>
        {c.personalBudget ? <Typography sx={{ whiteSpace: 'pre-wrap' }}>{c.personalBudget}</Typography> : <Nothing />}
      </DocSection>

      <DocSection id="K" title={t('ehcpUi.sections.K')} variant={variant}>
        {c.advice.length === 0 ? (
          <Nothing />
        ) : (
          <Box component="ol" sx={{ m: 0, pl: 3 }}>
            {c.advice.map((a, i) => (
              <li key={`${a.title}-${i}`}>
                <Typography>{t('ehcpUi.print.adviceLine', { title: a.title, author: a.author, date: formatLongDate(a.date) })}</Typography>
              </li>
            ))}
          </Box>
        )}
      </DocSection>
    </Box>
  );
}

function ItemsDoc({
  section,
  rows,
  variant,
}: {
  readonly section: ItemSection;
  readonly rows: PlanView['content']['items'];
  readonly variant: Variant;
}) {
  const { t } = useTranslation();
  return (
    <DocSection id={section} title={t(`ehcpUi.sections.${section}`)} variant={variant}>
      {rows.length === 0 ? (
        <Nothing />
      ) : (
        <Box component="ol" sx={{ p: 0, m: 0 }}>
          {rows.map((r, i) => (
            <Numbered key={`${section}-${i}`} n={i + 1} title={`${section}${i + 1}`}>
              <Typography sx={{ whiteSpace: 'pre-wrap' }}>{r.description}</Typography>
              {r.provider ? <Meta>{t('ehcpUi.print.provider', { who: r.provider })}</Meta> : null}
            </Numbered>
          ))}
        </Box>
      )}
    </DocSection>
  );
}
