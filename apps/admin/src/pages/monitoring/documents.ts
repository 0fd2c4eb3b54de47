import { graphql } from '../../gql';

// graphql-armor's depth limit is 10 and a fragment spread counts as two levels: one fragment for
// a figure, the figures listed inline. The district table (8 figures a school and in the totals)
// is the costliest query the admin sends: keep it under the API's cost limit (ARMOR_LIMITS).
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
        finalEventAttendance {
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
            finalEventAttendance {
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
        finalEventAttendance {
          ...KpiFields
        }
        satisfaction {
          ...KpiFields
        }
        satisfiedShare {
          ...KpiFields
        }
        impact {
          ...KpiFields
        }
        improvedShare {
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
        finalEventAttendance {
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
          finalEventAttendance {
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

export const ExecutionSeriesQuery = graphql(`
  query ExecutionSeries($academicYear: String!, $organizationId: ID) {
    executionSeries(academicYear: $academicYear, organizationId: $organizationId) {
      academicYear
      organizationId
      months {
        month
        monthRu
        planned
        doneOnTime
        doneLate
        overdue
      }
    }
  }
`);

export const DistrictSchoolGridQuery = graphql(`
  query DistrictSchoolGrid($academicYear: String!, $page: PageInput) {
    districtSchoolGrid(academicYear: $academicYear, page: $page) {
      academicYear
      asOf
      kpis
      schools {
        total
        limit
        offset
        items {
          organizationId
          shortName
          code
          worst
          cells {
            code
            labelRu
            display
            light
            lightRu
          }
        }
      }
    }
  }
`);

export const KpiDrillDownQuery = graphql(`
  query KpiDrillDown($academicYear: String!, $organizationId: ID!, $kind: DrillDownKind!, $category: String, $page: PageInput) {
    kpiDrillDown(academicYear: $academicYear, organizationId: $organizationId, kind: $kind, category: $category, page: $page) {
      kind
      kindRu
      organizationId
      academicYear
      anonymised
      personal
      noteRu
      total
      limit
      offset
      items {
        id
        number
        label
        detail
        status
        statusRu
        dueRu
        doneOnRu
        roleRu
        categoryRu
        roadmapId
      }
    }
  }
`);
