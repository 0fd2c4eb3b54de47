import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ErrorNotice, SuccessNotice } from '../../components/Notice';
import { PageTitle } from '../../components/PageTitle';
import { PagedTable } from '../../components/PagedTable';
import { QueryState } from '../../components/QueryState';
import { SearchBox } from '../../components/SearchBox';
import { StatusBadge } from '../../components/StatusBadge';
import { ru } from '../../i18n/ru';
import { classifyError } from '../../lib/errors';
import { mentorPage, partnerKindLabel, partnerPaths, partnerTabOf, PARTNER_TABS, type PartnerTab } from '../../lib/partners';
import { isoToRu } from '../../lib/roadmap/dates';
import { useListParams } from '../../lib/useListParams';
import { AgreementsTable } from './AgreementsTable';
import { PartnersGuard } from './PartnersGuard';
import {
  ArchivePartnerMentorMutation,
  MyPartnerOrganizationQuery,
  PartnerAgreementsQuery,
  PartnerMentorsQuery,
  PartnerPlacementsQuery,
  RestorePartnerMentorMutation,
} from './documents';
import { TableWrap } from '../../components/TableWrap';

/** «Моя организация-партнёр»: the partner's card, its mentor registry, agreements and where its mentors work. */
export function MyPartnerPage() {
  return (
    <PartnersGuard need="partner">
      <MyPartner />
    </PartnersGuard>
  );
}

const TAB_LABEL: Record<PartnerTab, () => string> = {
  mentors: () => ru.partnerPortal.my.tabMentors,
  agreements: () => ru.partnerPortal.my.tabAgreements,
  placements: () => ru.partnerPortal.my.tabPlacements,
};

function MyPartner() {
  const m = ru.partnerPortal.my;
  const [params] = useSearchParams();
  const tab = partnerTabOf(params.get('tab'));
  const { data, error, refetch } = useQuery(MyPartnerOrganizationQuery);
  return (
    <QueryState data={data?.myPartnerOrganization} error={error} onRetry={() => void refetch()} asPage>
      {(partner) => (
        <>
          <PageTitle title={partner.name}>{partner.name}</PageTitle>
          <p className="muted">
            {partnerKindLabel(partner.kind.toLowerCase().replace(/_/g, '-'))}
            {partner.region ? ` · ${partner.region.name}` : ''} · {m.code}: {partner.code}
          </p>
          <nav className="tabs" aria-label={m.tabs}>
            {PARTNER_TABS.map((key) => (
              <Link key={key} to={partnerPaths.myTab(key)} aria-current={key === tab ? 'page' : undefined}>
                {TAB_LABEL[key]()}
              </Link>
            ))}
          </nav>
          {tab === 'mentors' && <MentorsTab />}
          {tab === 'agreements' && <AgreementsTab />}
          {tab === 'placements' && <PlacementsTab />}
        </>
      )}
    </QueryState>
  );
}

function MentorsTab() {
  const t = ru.partnerPortal.mentors;
  const { page, setPage, limit, offset, query, setQuery } = useListParams();
  const [params, setParams] = useSearchParams();
  const includeArchived = params.get('archived') === '1';
  const { data, error, refetch } = useQuery(PartnerMentorsQuery, { variables: { includeArchived }, fetchPolicy: 'cache-and-network' });
  const [archive] = useMutation(ArchivePartnerMentorMutation, { refetchQueries: ['PartnerMentors'] });
  const [restore] = useMutation(RestorePartnerMentorMutation, { refetchQueries: ['PartnerMentors'] });
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const list = data ? mentorPage(data.partnerMentors, query, offset, limit) : undefined;

  async function toggle(mentor: { id: string; displayName: string; archivedOn?: string | null }) {
    setNotice(null);
    setActionError(null);
    try {
      if (mentor.archivedOn) {
        await restore({ variables: { id: mentor.id } });
        setNotice(t.restoredDone(mentor.displayName));
      } else {
        await archive({ variables: { id: mentor.id } });
        setNotice(t.archivedDone(mentor.displayName));
      }
    } catch (failure) {
      setActionError(classifyError(failure).message);
    }
  }

  return (
    <section aria-label={ru.partnerPortal.my.tabMentors}>
      <div className="toolbar">
        <Link className="button" to={partnerPaths.newMentor}>
          {t.add}
        </Link>
        <Link className="button button-secondary" to={partnerPaths.importMentors}>
          {t.import}
        </Link>
        <SearchBox value={query} onSearch={setQuery} label={t.search} />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={includeArchived}
            onChange={(event) =>
              setParams(
                (current) => {
                  const next = new URLSearchParams(current);
                  if (event.target.checked) next.set('archived', '1');
                  else next.delete('archived');
                  next.delete('page');
                  return next;
                },
                { replace: true },
              )
            }
          />{' '}
          {t.showArchived}
        </label>
      </div>
      <SuccessNotice>{notice}</SuccessNotice>
      <ErrorNotice>{actionError}</ErrorNotice>
      <PagedTable
        list={list}
        error={error}
        onRetry={() => void refetch()}
        page={page}
        onPage={setPage}
        filtered={query !== ''}
        tableProps={{ 'aria-label': ru.partnerPortal.my.tabMentors, 'data-testid': 'partner-mentors' }}
        head={
          <>
            <th scope="col">{t.name}</th>
            <th scope="col">{t.position}</th>
            <th scope="col">{t.tags}</th>
            <th scope="col">{t.availability}</th>
            <th scope="col">{t.capacity}</th>
            <th scope="col">{t.consent}</th>
            <th scope="col">
              <span className="visually-hidden">{ru.partnerPortal.agreements.actions}</span>
            </th>
          </>
        }
        row={(mentor) => {
          const consent = mentor.consents.find((c) => !c.withdrawnOn);
          return (
            <tr key={mentor.id}>
              <th scope="row">
                {mentor.displayName}
                {mentor.archivedOn && (
                  <>
                    <br />
                    <StatusBadge label={t.archived(isoToRu(mentor.archivedOn))} tone="muted" />
                  </>
                )}
              </th>
              <td>{mentor.position ?? '—'}</td>
              <td>{mentor.tags.join(', ') || '—'}</td>
              <td>{mentor.availability || '—'}</td>
              <td>{mentor.capacity}</td>
              <td>
                {consent ? <StatusBadge label={t.consentFrom(isoToRu(consent.signedOn))} tone="agreed" /> : <StatusBadge label={t.noConsent} tone="returned" />}
              </td>
              <td>
                <button type="button" className="button button-secondary button-small" onClick={() => void toggle(mentor)}>
                  {mentor.archivedOn ? t.restore : t.archive}
                </button>
              </td>
            </tr>
          );
        }}
      />
    </section>
  );
}

function AgreementsTab() {
  const t = ru.partnerPortal.agreements;
  const { data, error, refetch } = useQuery(PartnerAgreementsQuery, { fetchPolicy: 'cache-and-network' });
  return (
    <section aria-label={ru.partnerPortal.my.tabAgreements}>
      <div className="toolbar">
        <Link className="button" to={partnerPaths.newAgreement}>
          {t.propose}
        </Link>
      </div>
      <QueryState data={data?.partnerAgreements} error={error} onRetry={() => void refetch()}>
        {(agreements) => <AgreementsTable agreements={agreements} side="partner" />}
      </QueryState>
    </section>
  );
}

function PlacementsTab() {
  const t = ru.partnerPortal.placements;
  const { data, error, refetch } = useQuery(PartnerPlacementsQuery, { fetchPolicy: 'cache-and-network' });
  return (
    <section aria-label={ru.partnerPortal.my.tabPlacements}>
      <p>{t.intro}</p>
      <QueryState data={data?.partnerPlacements} error={error} onRetry={() => void refetch()}>
        {(placements) =>
          placements.length === 0 ? (
            <p className="muted">{t.empty}</p>
          ) : (
            <TableWrap>
              <table className="table" data-testid="partner-placements">
                <thead>
                  <tr>
                    <th scope="col">{t.mentor}</th>
                    <th scope="col">{t.school}</th>
                    <th scope="col">{t.programme}</th>
                    <th scope="col">{t.pairs}</th>
                    <th scope="col">{t.mentees}</th>
                    <th scope="col">{t.meetings}</th>
                    <th scope="col">{t.agreement}</th>
                  </tr>
                </thead>
                <tbody>
                  {placements.map((p) => (
                    <tr key={`${p.mentorId}:${p.organizationId}:${p.programmeName}`}>
                      <th scope="row">{p.mentorName}</th>
                      <td>
                        {p.schoolName}
                        <br />
                        <span className="muted">{p.districtName}</span>
                      </td>
                      <td>{p.programmeName}</td>
                      <td>
                        {p.activePairs} / {p.completedPairs}
                      </td>
                      <td>{p.mentees}</td>
                      <td>{p.meetings}</td>
                      <td>
                        <StatusBadge label={p.agreementInForce ? t.inForce : t.notInForce} tone={p.agreementInForce ? 'agreed' : 'muted'} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )
        }
      </QueryState>
    </section>
  );
}
