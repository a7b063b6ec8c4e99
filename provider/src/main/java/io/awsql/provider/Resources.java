package io.awsql.provider;

import io.awsql.provider.ec2.ImagesResource;
import io.awsql.provider.ec2.SnapshotsResource;
import io.awsql.provider.ec2.StoreImageTasksResource;
import io.awsql.provider.medicalimaging.ImageSetVersionsResource;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Every resource awsql maps: adding a table is adding its definition here. A name given twice is refused
 * when the class loads, since the second would silently hide the first.
 */
public final class Resources {
  public static final List<ResourceDefinition<?>> ALL = of(
      StoreImageTasksResource.DEFINITION,
      ImageSetVersionsResource.DEFINITION,
      ImagesResource.DEFINITION,
      SnapshotsResource.DEFINITION);

  private Resources() {}

  /** @throws IllegalStateException naming a table defined twice (names match case-insensitively, as SQL does) */
  static List<ResourceDefinition<?>> of(ResourceDefinition<?>... definitions) {
    Set<String> names = new HashSet<>();
    for (ResourceDefinition<?> definition : definitions) {
      if (!names.add(definition.qualifiedName().toLowerCase(Locale.ROOT))) {
        throw new IllegalStateException(definition.qualifiedName() + " is defined twice");
      }
    }
    return List.of(definitions);
  }
}
