package io.byokwatch.port;

import io.byokwatch.domain.KubernetesStorageClass;
import io.byokwatch.domain.ResourceId;

import java.util.List;

/**
 * A Terraform plan or an ARM/Bicep template read into the records the estate is made of. {@code inventory} answers
 * every look-up as the estate will be after the change: planned resources over what exists (the base inventory, and
 * what the plan itself shows as existing). The rest says what the plan does, so that findings can name the plan
 * address and the user sees what is destroyed.
 *
 * @param format        {@code terraform} or {@code arm}
 * @param source        the file read, as given
 * @param resources     every resource of a type byokwatch judges that the plan creates, changes, replaces, deletes
 *                      or reads, in plan order
 * @param storageClasses Kubernetes storage classes the plan creates or changes
 * @param resolutions   values the plan leaves to apply time, and what byokwatch took them to be
 * @param gaps          facts the plan cannot supply; rules that read them are not evaluated on that resource
 * @param notes         remarks about the input (skipped resources, the assumed cloud)
 */
public record PlannedEstate(String format, String source, Inventory inventory, List<PlannedResource> resources,
                            List<KubernetesStorageClass> storageClasses, List<PlanResolution> resolutions,
                            List<PlanGap> gaps, List<String> notes) {
    public PlannedEstate {
        resources = List.copyOf(resources);
        storageClasses = List.copyOf(storageClasses);
        resolutions = List.copyOf(resolutions);
        gaps = List.copyOf(gaps);
        notes = List.copyOf(notes);
    }

    /** The planned resource with this id, or null. Storage classes are found by their {@code storageClasses} id. */
    public PlannedResource resource(ResourceId id) {
        for (PlannedResource r : resources) {
            if (id.equals(r.id())) {
                return r;
            }
        }
        return null;
    }
}
