package org.curata.adapter;

import java.nio.file.Path;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.EncodingPolicy;
import org.curata.storage.OpenOptions;

/**
 * Where test datasets live: the real on-disk storage (encoding chosen by density, or forced
 * dense or sparse), or the in-memory fake with forced layout.
 */
enum Stores {
  DISK, DISK_DENSE, DISK_SPARSE, FAKE_DENSE, FAKE_SPARSE, FAKE_BY_DENSITY;

  Dataset create(Path dir, int blockRows) {
    OpenOptions disk = OpenOptions.defaults().withCreate(true).withBlockRows(blockRows);
    switch (this) {
      case DISK:
        return Datasets.open(dir, disk);
      case DISK_DENSE:
        return Datasets.open(dir, disk.withEncodingPolicy(EncodingPolicy.DENSE));
      case DISK_SPARSE:
        return Datasets.open(dir, disk.withEncodingPolicy(EncodingPolicy.SPARSE));
      case FAKE_DENSE:
        return new FakeDataset(blockRows, FakeDataset.Layout.DENSE);
      case FAKE_SPARSE:
        return new FakeDataset(blockRows, FakeDataset.Layout.SPARSE);
      default:
        return new FakeDataset(blockRows, FakeDataset.Layout.BY_DENSITY);
    }
  }
}
