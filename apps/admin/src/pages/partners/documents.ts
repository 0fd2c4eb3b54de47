import { graphql } from '../../gql';

export const PartnerApplicationsQuery = graphql(`
  query PartnerApplications($status: String) {
    partnerApplications(status: $status) {
      id
      status
      name
      kind
      inn
      ogrn
      kpp
      address
      contactName
      contactPosition
      contactEmail
      contactPhone
      rejectReason
      decidedByName
      decidedAt
      adminUsername
      createdAt
      consentGivenAt
      consentTextVersion
      consentText
      personalDataErasedAt
      personalDataErasedByName
      district {
        id
        name
      }
      region {
        id
        name
      }
    }
  }
`);

export const ApprovePartnerApplicationMutation = graphql(`
  mutation ApprovePartnerApplication($id: ID!) {
    approvePartnerApplication(id: $id) {
      username
      temporaryPassword
      partner {
        id
        name
      }
      application {
        id
        status
        adminUsername
        decidedByName
        decidedAt
      }
    }
  }
`);

export const RejectPartnerApplicationMutation = graphql(`
  mutation RejectPartnerApplication($id: ID!, $reason: String!) {
    rejectPartnerApplication(id: $id, reason: $reason) {
      id
      status
      rejectReason
      decidedByName
      decidedAt
    }
  }
`);

export const MyPartnerOrganizationQuery = graphql(`
  query MyPartnerOrganization {
    myPartnerOrganization {
      id
      code
      name
      kind
      region {
        id
        name
      }
    }
  }
`);

export const PartnerMentorsQuery = graphql(`
  query PartnerMentors($includeArchived: Boolean) {
    partnerMentors(includeArchived: $includeArchived) {
      id
      displayName
      lastName
      firstName
      middleName
      position
      tags
      availability
      capacity
      archivedOn
      consents {
        id
        signedOn
        textVersion
        withdrawnOn
      }
    }
  }
`);

export const CreatePartnerMentorMutation = graphql(`
  mutation CreatePartnerMentor($input: PartnerMentorInput!) {
    createPartnerMentor(input: $input) {
      id
      displayName
    }
  }
`);

export const ArchivePartnerMentorMutation = graphql(`
  mutation ArchivePartnerMentor($id: ID!) {
    archivePartnerMentor(id: $id) {
      id
      archivedOn
    }
  }
`);

export const RestorePartnerMentorMutation = graphql(`
  mutation RestorePartnerMentor($id: ID!) {
    restorePartnerMentor(id: $id) {
      id
      archivedOn
    }
  }
`);

export const PartnerAgreementsQuery = graphql(`
  query PartnerAgreements {
    partnerAgreements {
      id
      level
      status
      statusLabelRu
      decision
      subject
      number
      signedOn
      periodStart
      periodEnd
      terminatedOn
      declineReason
      proposedByName
      decidedByName
      partnerId
      organizationId
      districtId
      partner {
        id
        name
      }
      organization {
        id
        shortName
      }
      district {
        id
        name
      }
      files {
        id
        fileName
        contentType
        size
        url
        uploadedBySide
        uploadedByName
      }
    }
  }
`);

export const PartnerAgreementSchoolsQuery = graphql(`
  query PartnerAgreementSchools($districtId: ID!) {
    partnerAgreementSchools(districtId: $districtId) {
      id
      shortName
    }
  }
`);

export const ProposePartnerAgreementMutation = graphql(`
  mutation ProposePartnerAgreement($input: PartnerAgreementInput!) {
    proposePartnerAgreement(input: $input) {
      id
      status
    }
  }
`);

export const DecidePartnerAgreementMutation = graphql(`
  mutation DecidePartnerAgreement($id: ID!, $accept: Boolean!, $reason: String) {
    decidePartnerAgreement(id: $id, accept: $accept, reason: $reason) {
      id
      decision
      status
      statusLabelRu
      declineReason
      decidedByName
    }
  }
`);

export const TerminatePartnerAgreementMutation = graphql(`
  mutation TerminatePartnerAgreement($id: ID!) {
    terminatePartnerAgreement(id: $id) {
      id
      status
      statusLabelRu
      terminatedOn
    }
  }
`);

export const PartnerPlacementsQuery = graphql(`
  query PartnerPlacements {
    partnerPlacements {
      mentorId
      mentorName
      districtName
      organizationId
      schoolName
      programmeName
      activePairs
      completedPairs
      mentees
      meetings
      agreementInForce
    }
  }
`);

export const ErasePartnerApplicantDataMutation = graphql(`
  mutation ErasePartnerApplicantData($id: ID!) {
    erasePartnerApplicantData(id: $id) {
      id
      contactName
      contactPosition
      contactEmail
      contactPhone
      personalDataErasedAt
      personalDataErasedByName
    }
  }
`);
