import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { fixedDistrictId } from '../../lib/access';
import { roadmapPaths } from '../../lib/roadmap/paths';
import { useMe } from '../../me';

/**
 * The district the roadmap screens work in: the user's own, or (platform admin, region
 * coordinator) the one named by `?district=`; with the operation context and the paths that
 * keep it.
 */
export function useDistrictScope() {
  const { grants, districtContext } = useMe();
  const [params] = useSearchParams();
  const fixed = fixedDistrictId(grants);
  const districtId = fixed ?? (params.get('district') || null);
  return useMemo(
    () => ({
      districtId,
      /** The user picks the district (it is not fixed by their grants). */
      chooses: fixed === null,
      context: districtContext(districtId),
      paths: roadmapPaths(fixed === null ? districtId : null),
    }),
    [districtId, fixed, districtContext],
  );
}
