package io.sendense.persistence.testing;

import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.source.Source;
import io.sendense.persistence.source.Vm;
import io.sendense.persistence.source.VmDisk;
import jakarta.persistence.EntityManager;

/** Catalog rows the store tests build on, persisted in the caller's transaction. */
public final class Fixtures {
  private Fixtures() {}

  /** A vCenter source named {@code name}. */
  public static Source source(EntityManager em, String name) {
    Source source = new Source();
    source.setName(name);
    source.setPluginId("vmware");
    source.setHost(name + ".example");
    source.setUsername("admin");
    em.persist(source);
    return source;
  }

  /** A repository of storage type {@code type} with an empty configuration. */
  public static Repository repository(EntityManager em, String name, String type) {
    Repository repo = new Repository();
    repo.setName(name);
    repo.setType(type);
    repo.setConfigJson("{}");
    em.persist(repo);
    return repo;
  }

  /** A VM of {@code source}. */
  public static Vm vm(EntityManager em, Source source, String moref, String name) {
    Vm vm = new Vm();
    vm.setSource(source);
    vm.setMoref(moref);
    vm.setName(name);
    em.persist(vm);
    return vm;
  }

  /** A disk of {@code vm}. */
  public static VmDisk disk(EntityManager em, Vm vm, int deviceKey, long capacityBytes) {
    VmDisk disk = new VmDisk();
    disk.setVm(vm);
    disk.setDeviceKey(deviceKey);
    disk.setCapacityBytes(capacityBytes);
    em.persist(disk);
    return disk;
  }
}
