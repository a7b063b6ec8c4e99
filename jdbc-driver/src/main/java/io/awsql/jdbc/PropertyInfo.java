package io.awsql.jdbc;

import io.awsql.provider.AwsqlProperty;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.calcite.avatica.ConnectStringParser;

/**
 * {@code Driver.getPropertyInfo} for awsql: one entry per {@link AwsqlProperty} with its description,
 * choices and the value the URL and Properties give it, which is what DBeaver and other tools build their
 * properties tab from. Calcite's own properties are not offered: a connection refuses them.
 */
final class PropertyInfo {
  private PropertyInfo() {}

  static DriverPropertyInfo[] of(String url, Properties info) throws SQLException {
    Properties given = info == null ? new Properties() : info;
    if (url != null && url.startsWith(AwsqlDriver.PREFIX)) {
      given = ConnectStringParser.parse(url.substring(AwsqlDriver.PREFIX.length()), given);
    }
    AwsqlProperty[] properties = AwsqlProperty.values();
    DriverPropertyInfo[] result = new DriverPropertyInfo[properties.length];
    for (int i = 0; i < properties.length; i++) {
      AwsqlProperty p = properties[i];
      DriverPropertyInfo d = new DriverPropertyInfo(p.camelName(), p.secret() ? null : valueOf(p, given));
      d.description = p.description().replace("`", "");
      d.required = p.required();
      d.choices = p.choices().isEmpty() ? null : p.choices().toArray(String[]::new);
      result[i] = d;
    }
    return result;
  }

  /**
   * The value given under any spelling of the name (the first in sorted order if several: asking must
   * not fail, connecting will), else the default. Secrets are never sent back to be shown.
   */
  private static String valueOf(AwsqlProperty p, Properties given) {
    for (String name : new TreeSet<>(given.stringPropertyNames())) {
      if (name.equalsIgnoreCase(p.camelName())) {
        return given.getProperty(name);
      }
    }
    return p.defaultValue() == null ? null : String.valueOf(p.defaultValue());
  }
}
