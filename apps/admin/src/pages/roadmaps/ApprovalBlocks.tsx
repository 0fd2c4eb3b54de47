import { ru } from '../../i18n/ru';
import { isoToRu } from '../../lib/roadmap/dates';

interface Approval {
  position: string;
  organization: string;
  name: string;
  date: string;
  orderNumber: string;
  orderDate: string;
}

interface Agreement {
  position: string;
  authority: string;
  name: string;
  date: string;
}

/**
 * The head of the paper document: «СОГЛАСОВАНО» on the left, «УТВЕРЖДАЮ» on the right, each with
 * position, organisation, a signature line with the name and the date; under them the order that
 * approved the roadmap. Blank blocks say what is still missing.
 */
export function ApprovalBlocks({
  approval,
  agreement,
  level = 'school',
}: {
  approval: Approval | null | undefined;
  agreement: Agreement | null | undefined;
  /** The district's own roadmap: approved by the district head, agreed by the region. */
  level?: 'school' | 'district';
}) {
  return (
    <section className="approval-blocks" aria-label={`${ru.approvalBlock.agree} / ${ru.approvalBlock.approve}`} data-testid="approval-blocks">
      <div className="approval-block">
        <p className="approval-block-title">{ru.approvalBlock.agree}</p>
        {agreement ? (
          <>
            <p>{agreement.position}</p>
            <p>{agreement.authority}</p>
            <p className="approval-signature">
              <span className="approval-line" aria-hidden="true" /> {agreement.name}
            </p>
            <p>{ru.approvalBlock.dateLine(isoToRu(agreement.date))}</p>
          </>
        ) : (
          <p className="muted">{level === 'district' ? ru.approvalBlock.notAgreedDistrict : ru.approvalBlock.notAgreed}</p>
        )}
      </div>
      <div className="approval-block approval-block-right">
        <p className="approval-block-title">{ru.approvalBlock.approve}</p>
        {approval ? (
          <>
            <p>
              {approval.position} {approval.organization}
            </p>
            <p className="approval-signature">
              <span className="approval-line" aria-hidden="true" /> {approval.name}
            </p>
            <p>{ru.approvalBlock.dateLine(isoToRu(approval.date))}</p>
          </>
        ) : (
          <p className="muted">{level === 'district' ? ru.approvalBlock.notApprovedDistrict : ru.approvalBlock.notApproved}</p>
        )}
      </div>
      {approval && <p className="approval-order">{ru.approvalBlock.approvedByOrder(approval.orderNumber, isoToRu(approval.orderDate))}</p>}
    </section>
  );
}
