import { graphql } from '../../gql';

// graphql-armor's depth limit is 10 and a fragment spread counts as two levels: one fragment for
// a figure, the figures listed inline.
export const KpiFieldsFragment = graphql(`
  fragment KpiFields on Kpi {
    code
    labelRu
    display
    value
    formulaRu
    inputs {
      label
      value
    }
    target {
      textRu
      value
      met
    }
    light
    lightRu
    warningRu
    unit
  }
`);

export const DistrictDashboardQuery = graphql(`
  query DistrictDashboard($academicYear: String!, $page: PageInput, $sort: DashboardSort) {
    districtDashboard(academicYear: $academicYear, page: $page, sort: $sort) {
      districtId
      districtName
      academicYear
      asOf
      counts {
        participants
        schools
        schoolsWithHeadcount
      }
      figures {
        pupilCoverage {
          ...KpiFields
        }
        teacherCoverage {
          ...KpiFields
        }
        federalTarget70 {
          ...KpiFields
        }
        consentsCollected {
          ...KpiFields
        }
        plansDone {
          ...KpiFields
        }
        roadmapExecution {
          ...KpiFields
        }
        partnerMentorShare {
          ...KpiFields
        }
      }
      schools {
        total
        limit
        offset
        items {
          organizationId
          shortName
          code
          hasHeadcount
          counts {
            participants
          }
          figures {
            pupilCoverage {
              ...KpiFields
            }
            teacherCoverage {
              ...KpiFields
            }
            federalTarget70 {
              ...KpiFields
            }
            consentsCollected {
              ...KpiFields
            }
            plansDone {
              ...KpiFields
            }
            roadmapExecution {
              ...KpiFields
            }
            partnerMentorShare {
              ...KpiFields
            }
          }
        }
      }
    }
  }
`);

export const SchoolDashboardQuery = graphql(`
  query SchoolDashboard($organizationId: ID!, $academicYear: String!) {
    schoolDashboard(organizationId: $organizationId, academicYear: $academicYear) {
      organizationId
      shortName
      code
      academicYear
      asOf
      hasHeadcount
      counts {
        participants
        pupils
        teachers
        pupilParticipants
        teacherParticipants
        mentors
        mentees
        withConsent
      }
      figures {
        pupilCoverage {
          ...KpiFields
        }
        teacherCoverage {
          ...KpiFields
        }
        federalTarget70 {
          ...KpiFields
        }
        consentsCollected {
          ...KpiFields
        }
        plansDone {
          ...KpiFields
        }
        plansAtTarget {
          ...KpiFields
        }
        roadmapExecution {
          ...KpiFields
        }
        partnerMentorShare {
          ...KpiFields
        }
      }
    }
  }
`);

export const RegionDashboardQuery = graphql(`
  query RegionDashboard($regionId: ID!, $academicYear: String!) {
    regionDashboard(regionId: $regionId, academicYear: $academicYear) {
      regionId
      regionName
      academicYear
      asOf
      districtsWithoutSnapshot
      counts {
        participants
      }
      figures {
        pupilCoverage {
          ...KpiFields
        }
        teacherCoverage {
          ...KpiFields
        }
        federalTarget70 {
          ...KpiFields
        }
        consentsCollected {
          ...KpiFields
        }
        plansDone {
          ...KpiFields
        }
        roadmapExecution {
          ...KpiFields
        }
        partnerMentorShare {
          ...KpiFields
        }
      }
      districts {
        districtId
        code
        name
        asOf
        counts {
          participants
        }
        figures {
          pupilCoverage {
            ...KpiFields
          }
          teacherCoverage {
            ...KpiFields
          }
          federalTarget70 {
            ...KpiFields
          }
          consentsCollected {
            ...KpiFields
          }
          plansDone {
            ...KpiFields
          }
          roadmapExecution {
            ...KpiFields
          }
          partnerMentorShare {
            ...KpiFields
          }
        }
      }
    }
  }
`);

export const MonitoringRegionsQuery = graphql(`
  query MonitoringRegions($page: PageInput) {
    regions(page: $page) {
      items {
        id
        name
      }
    }
  }
`);

export const RefreshDistrictSnapshotMutation = graphql(`
  mutation RefreshDistrictSnapshot($academicYear: String!) {
    refreshDistrictSnapshot(academicYear: $academicYear) {
      districtId
      academicYear
      asOf
    }
  }
`);
