import { StatusBadge } from '../../components/StatusBadge';
import { ru } from '../../i18n/ru';

/** «Наставник от партнёра» beside a participant copied from a partner's registry (`partnerId` set). */
export function PartnerMentorBadge({ partnerId }: { partnerId?: string | null }) {
  if (!partnerId) return null;
  return <StatusBadge label={ru.partnerPortal.partnerMentor} tone="progress" className="partner-mentor-badge" />;
}
