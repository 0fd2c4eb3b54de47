import { PageTitle } from '../components/PageTitle';
import { ru } from '../i18n/ru';
import { useMe } from '../me';

/** The partner organisation a partner representative works for (from their grants). */
export function MyPartnerPage() {
  const { me } = useMe();
  const partners = me.grants.flatMap((grant) => (grant.scopeKind === 'PARTNER' && grant.partner ? [grant.partner] : []));
  const unique = [...new Map(partners.map((partner) => [partner.id, partner])).values()];
  return (
    <>
      <PageTitle>{ru.partners.myTitle}</PageTitle>
      {unique.length === 0 && <p className="muted">{ru.partners.none}</p>}
      {unique.map((partner) => (
        <section key={partner.id} className="panel" aria-labelledby={`partner-${partner.id}`}>
          <h2 id={`partner-${partner.id}`}>{partner.name}</h2>
          <dl className="facts">
            <div>
              <dt>{ru.partners.kind}</dt>
              <dd>{ru.kinds.partner[partner.kind]}</dd>
            </div>
            <div>
              <dt>{ru.partners.region}</dt>
              <dd>{partner.region?.name ?? <span className="muted">{ru.partners.noRegion}</span>}</dd>
            </div>
          </dl>
        </section>
      ))}
    </>
  );
}
