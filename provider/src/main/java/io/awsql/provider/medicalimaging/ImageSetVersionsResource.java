package io.awsql.provider.medicalimaging;

import io.awsql.provider.ApiCall;
import io.awsql.provider.AwsClients;
import io.awsql.provider.PageSource;
import io.awsql.provider.ResourceColumn;
import io.awsql.provider.ResourceDefinition;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.calcite.sql.type.SqlTypeName;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetProperties;
import software.amazon.awssdk.services.medicalimaging.model.ListImageSetVersionsResponse;

/**
 * {@code aws.medical_imaging.image_set_versions}: the version history of AWS HealthImaging image sets,
 * listed by ListImageSetVersions, which needs a data store and an image set for every call.
 */
public final class ImageSetVersionsResource {
  private static final Pattern ID = Pattern.compile("[0-9a-z]{32}");
  /** ListImageSetVersions' maxResults range is 1..50. */
  static final int MAX_RESULTS = 50;

  private ImageSetVersionsResource() {}

  public static final ResourceDefinition<ImageSetProperties> DEFINITION = ResourceDefinition
      .<ImageSetProperties>builder("medical_imaging", "image_set_versions", "ListImageSetVersions")
      .description("The versions of AWS HealthImaging image sets. datastoreId and imageSetId must be given (= or IN).")
      .column(ResourceColumn.requiredParameter("datastoreId", "The data store identifier.", "datastoreId", ID,
          "0123456789abcdef0123456789abcdef"))
      .column(ResourceColumn.requiredParameter("imageSetId", "The image set identifier.", "imageSetId", ID,
          "fedcba9876543210fedcba9876543210"))
      .column(ResourceColumn.of("versionId", SqlTypeName.VARCHAR, "The image set version identifier.",
          ImageSetProperties::versionId))
      .column(ResourceColumn.of("imageSetState", SqlTypeName.VARCHAR,
          "The image set state (ACTIVE, LOCKED or DELETED).", ImageSetProperties::imageSetStateAsString))
      .column(ResourceColumn.of("imageSetWorkflowStatus", SqlTypeName.VARCHAR,
          "The image set workflow status (CREATED, IMPORTED, UPDATING, COPY_FAILED, ...).",
          ImageSetProperties::imageSetWorkflowStatusAsString))
      .column(ResourceColumn.of("createdAt", SqlTypeName.TIMESTAMP, "The time the image set was created (UTC).",
          ImageSetProperties::createdAt))
      .column(ResourceColumn.of("updatedAt", SqlTypeName.TIMESTAMP, "The time the image set was last updated (UTC).",
          ImageSetProperties::updatedAt))
      .column(ResourceColumn.of("deletedAt", SqlTypeName.TIMESTAMP, "The time the image set was deleted (UTC).",
          ImageSetProperties::deletedAt))
      .column(ResourceColumn.of("message", SqlTypeName.VARCHAR,
          "The error message thrown if an image set action fails.", ImageSetProperties::message))
      .column(ResourceColumn.of("forced", SqlTypeName.BOOLEAN,
          "Whether the version was made with forced overrides (overrides.forced).",
          p -> p.overrides() == null ? null : p.overrides().forced()))
      .column(ResourceColumn.of("isPrimary", SqlTypeName.BOOLEAN, "Whether this is the primary image set version.",
          ImageSetProperties::isPrimary))
      .pages(ImageSetVersionsResource::pages)
      .pageSize(1, MAX_RESULTS)
      .build();

  private static Iterator<List<ImageSetProperties>> pages(AwsClients clients, ApiCall call) {
    MedicalImagingClient client = clients.client(MedicalImagingClient.class, call.account(), call.region(),
        MedicalImagingClient::builder);
    Iterator<ListImageSetVersionsResponse> responses = client.listImageSetVersionsPaginator(b -> b
        .datastoreId(call.parameters().get("datastoreId"))
        .imageSetId(call.parameters().get("imageSetId"))
        .maxResults(call.pageSize())).iterator();
    return PageSource.map(responses, ListImageSetVersionsResponse::imageSetPropertiesList);
  }
}
