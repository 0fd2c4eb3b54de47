import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';
import { ru } from '../i18n/ru';
import { SelectField } from './Field';
import { QueryState } from './QueryState';

const DistrictChoicesQuery = graphql(`
  query DistrictChoices($page: PageInput) {
    districts(page: $page) {
      total
      items {
        id
        name
        region {
          id
          name
        }
      }
    }
  }
`);

/** For platform admins and region coordinators: the district whose data a page shows. */
export function DistrictChooser({ value, onChange }: { value: string; onChange: (districtId: string) => void }) {
  const { data, error, refetch } = useQuery(DistrictChoicesQuery, { variables: { page: { limit: 100, offset: 0 } } });
  return (
    <QueryState data={data} error={error} onRetry={() => void refetch()}>
      {(current) => (
        <div className="toolbar">
          <SelectField label={ru.organizations.chooseDistrict} value={value} onChange={(event) => onChange(event.target.value)}>
            <option value="">{ru.organizations.chooseDistrictPlaceholder}</option>
            {current.districts.items.map((district) => (
              <option key={district.id} value={district.id}>
                {district.name} ({district.region.name})
              </option>
            ))}
          </SelectField>
        </div>
      )}
    </QueryState>
  );
}
