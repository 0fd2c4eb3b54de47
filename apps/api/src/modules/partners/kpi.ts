/**
 * KPI input for monitoring (issue 6): counts computed in SQL, shares computed from them.
 *
 * - `partnerMentorShares(sql, schema)`: per school of the district schema, the mentors of its
 *   programmes' bases (role mentor, not anonymised, distinct by participant) and how many of them
 *   are provided by partners (`partner_id` set). A mentor counted once per programme base.
 * - `partnerOrganizationShare(sql, districtId, today)`: for a district, the partner organisations
 *   with an agreement in force with the district or one of its schools (accepted, started, not
 *   ended, not terminated — the same rule as the domain's `agreementStatus`), the partners approved
 *   on the district's sign-ups, the schools of the district and the schools covered by an agreement in force.
 */
export interface SqlRunner {
  execute(sql: string, params?: unknown[]): Promise<unknown>;
}

export interface PartnerMentorShareRow {
  organizationId: string;
  mentors: number;
  partnerMentors: number;
  /** partnerMentors / mentors, 0 without mentors. */
  share: number;
}

export interface PartnerOrganizationShareRow {
  districtId: string;
  partnersInForce: number;
  partnersApproved: number;
  schools: number;
  schoolsWithPartner: number;
  /** schoolsWithPartner / schools, 0 without schools. */
  schoolShare: number;
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10000) / 10000 : 0);
const SAFE_SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;

export async function partnerMentorShares(sql: SqlRunner, schema: string): Promise<PartnerMentorShareRow[]> {
  if (!SAFE_SCHEMA.test(schema)) throw new Error(`bad schema name ${schema}`);
  const rows = (await sql.execute(
    `select organization_id,
            count(*)::int as mentors,
            count(*) filter (where partner_id is not null)::int as partner_mentors
       from "${schema}"."participant"
      where role = 'mentor' and anonymized = false
      group by organization_id
      order by organization_id`,
  )) as Array<{ organization_id: string; mentors: number; partner_mentors: number }>;
  return rows.map((r) => ({
    organizationId: r.organization_id,
    mentors: Number(r.mentors),
    partnerMentors: Number(r.partner_mentors),
    share: ratio(Number(r.partner_mentors), Number(r.mentors)),
  }));
}

/** `in force` in SQL — keep in step with agreementStatus (packages/domain/src/partners/agreements.ts). */
const IN_FORCE = `a.decision = 'accepted' and a.period_start <= ?::date and (a.period_end is null or a.period_end >= ?::date)
  and (a.terminated_on is null or a.terminated_on > ?::date)`;

export async function partnerOrganizationShare(sql: SqlRunner, districtId: string, today: string): Promise<PartnerOrganizationShareRow> {
  const [row] = (await sql.execute(
    `select
       (select count(distinct a.partner_id)::int from core.partner_agreement a where a.district_id = ? and ${IN_FORCE}) as partners_in_force,
       (select count(*)::int from core.partner_application p where p.district_id = ? and p.status = 'approved') as partners_approved,
       (select count(*)::int from core.organization o where o.district_id = ?) as schools,
       (select count(*)::int from core.organization o where o.district_id = ? and exists (
          select 1 from core.partner_agreement a where a.district_id = o.district_id
             and (a.level = 'district' or a.organization_id = o.id) and ${IN_FORCE})) as schools_with_partner`,
    [districtId, today, today, today, districtId, districtId, districtId, today, today, today],
  )) as Array<{ partners_in_force: number; partners_approved: number; schools: number; schools_with_partner: number }>;
  const r = row!;
  return {
    districtId,
    partnersInForce: Number(r.partners_in_force),
    partnersApproved: Number(r.partners_approved),
    schools: Number(r.schools),
    schoolsWithPartner: Number(r.schools_with_partner),
    schoolShare: ratio(Number(r.schools_with_partner), Number(r.schools)),
  };
}
