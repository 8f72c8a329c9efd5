package org.curata.adapter;

import java.nio.file.Path;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.OpenOptions;

/** Where test datasets live: the real on-disk storage, or the in-memory fake with forced layout. */
enum Stores {
  DISK, FAKE_DENSE, FAKE_SPARSE, FAKE_BY_DENSITY;

  Dataset create(Path dir, int blockRows) {
    switch (this) {
      case DISK:
        return Datasets.open(dir, OpenOptions.defaults().withCreate(true).withBlockRows(blockRows));
      case FAKE_DENSE:
        return new FakeDataset(blockRows, FakeDataset.Layout.DENSE);
      case FAKE_SPARSE:
        return new FakeDataset(blockRows, FakeDataset.Layout.SPARSE);
      default:
        return new FakeDataset(blockRows, FakeDataset.Layout.BY_DENSITY);
    }
  }
}
