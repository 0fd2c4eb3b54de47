import { graphql } from '../../gql';

export const PracticeProgrammeQuery = graphql(`
  query PracticeProgramme($id: ID!) {
    programme(id: $id) {
      id
      name
      organizationId
    }
  }
`);

export const PracticeSchoolQuery = graphql(`
  query PracticeSchool($id: ID!) {
    organization(id: $id) {
      id
      code
      district {
        id
        code
      }
    }
  }
`);

export const BestPracticesQuery = graphql(`
  query BestPractices($programmeId: ID, $status: String, $page: PageInput) {
    bestPractices(programmeId: $programmeId, status: $status, page: $page) {
      total
      limit
      offset
      items {
        id
        title
        status
        statusLabel
        formLabel
        updatedAt
        publishedAt
      }
    }
  }
`);

export const BestPracticeQuery = graphql(`
  query BestPractice($id: ID!) {
    bestPractice(id: $id) {
      id
      programmeId
      pairId
      organizationId
      title
      summary
      results
      showNames
      status
      statusLabel
      formLabel
      kindLabel
      publicParticipants
      publishedAt
      publishedByName
      unpublishedReason
      createdByName
      updatedAt
      consentGaps {
        participantId
        name
        message
      }
    }
  }
`);

export const PracticePairsQuery = graphql(`
  query PracticePairs($programmeId: ID!) {
    pairs(programmeId: $programmeId) {
      id
      status
      endDate
      completedOn
      mentor {
        id
        displayName
      }
      mentees {
        id
        displayName
      }
    }
  }
`);

export const CreateBestPracticeMutation = graphql(`
  mutation CreateBestPractice($input: BestPracticeInput!) {
    createBestPractice(input: $input) {
      id
      status
    }
  }
`);

export const UpdateBestPracticeMutation = graphql(`
  mutation UpdateBestPractice($id: ID!, $input: BestPracticeInput!) {
    updateBestPractice(id: $id, input: $input) {
      id
      title
      summary
      results
      showNames
      status
      statusLabel
      publicParticipants
      updatedAt
      consentGaps {
        participantId
        name
        message
      }
    }
  }
`);

export const ChangeBestPracticeStatusMutation = graphql(`
  mutation ChangeBestPracticeStatus($id: ID!, $action: String!, $reason: String) {
    changeBestPracticeStatus(id: $id, action: $action, reason: $reason) {
      id
      status
      statusLabel
      publishedAt
      publishedByName
      unpublishedReason
      updatedAt
      consentGaps {
        participantId
        name
        message
      }
    }
  }
`);

export const DeleteBestPracticeMutation = graphql(`
  mutation DeleteBestPractice($id: ID!) {
    deleteBestPractice(id: $id)
  }
`);
