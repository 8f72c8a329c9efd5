package org.curata.adapter.exec;

import org.apache.calcite.avatica.util.TimeUnitRange;

/** A unit of EXTRACT, FLOOR and CEIL on dates and timestamps. */
public enum TimeUnit {
  YEAR(TimeUnitRange.YEAR, true), QUARTER(TimeUnitRange.QUARTER, true),
  MONTH(TimeUnitRange.MONTH, true), DAY(TimeUnitRange.DAY, true),
  DOW(TimeUnitRange.DOW, true), DOY(TimeUnitRange.DOY, true),
  HOUR(TimeUnitRange.HOUR, false), MINUTE(TimeUnitRange.MINUTE, false),
  SECOND(TimeUnitRange.SECOND, false);

  private final TimeUnitRange range;
  private final boolean dateUnit;

  TimeUnit(TimeUnitRange range, boolean dateUnit) {
    this.range = range;
    this.dateUnit = dateUnit;
  }

  /** True when the unit applies to a DATE. */
  public boolean dateUnit() {
    return dateUnit;
  }

  /** Avatica's range for the unit. */
  TimeUnitRange range() {
    return range;
  }
}
