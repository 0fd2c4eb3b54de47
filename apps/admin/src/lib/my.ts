/**
 * Mentors and mentees (roles mentor, mentee) in the admin: they see their own pair or group — its
 * partner(s), plan and meetings — and nothing else of the school. Pure, so unit-tested.
 */
import { ru } from '../i18n/ru';
import { hasRole, platformRoleOf, type GrantLike, type NavItem } from './access';

/** Whether the person takes part in a programme as mentor or mentee. */
export function isProgrammeParticipant(grants: readonly GrantLike[]): boolean {
  return hasRole(grants, 'mentor', 'mentee');
}

/** Whether mentor/mentee is all the person is (no staff role besides). */
export function isParticipantOnly(grants: readonly GrantLike[]): boolean {
  return (
    grants.length > 0 &&
    grants.every((grant) => {
      const role = platformRoleOf(grant.role);
      return role === 'mentor' || role === 'mentee';
    })
  );
}

export const MY_PATH = '/my';

/**
 * The navigation with «Моя пара/группа»: for a mentor or mentee only, the home page and their pair
 * (their school's page and the «soon» placeholders are not theirs); staff who also mentor get it added.
 */
export function withMyPairs(grants: readonly GrantLike[], items: readonly NavItem[]): NavItem[] {
  if (!isProgrammeParticipant(grants)) return [...items];
  const my: NavItem = { key: 'my', label: ru.my.nav, to: MY_PATH };
  if (isParticipantOnly(grants)) return [...items.filter((item) => item.key === 'home'), my];
  return [...items, my];
}
