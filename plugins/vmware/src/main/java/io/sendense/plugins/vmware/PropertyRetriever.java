package io.sendense.plugins.vmware;

import com.vmware.vim25.DynamicProperty;
import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.ObjectContent;
import com.vmware.vim25.ObjectSpec;
import com.vmware.vim25.PropertyFilterSpec;
import com.vmware.vim25.RetrieveOptions;
import com.vmware.vim25.RetrieveResult;
import com.vmware.vim25.SelectionSpec;
import com.vmware.vim25.TraversalSpec;
import com.vmware.vim25.mo.PropertyCollector;
import com.vmware.vim25.mo.ServiceInstance;
import com.vmware.vim25.mo.util.PropertyCollectorUtil;
import java.rmi.RemoteException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads chosen properties of every inventory object in a few PropertyCollector round trips (a
 * traversal from the root folder), instead of one call per property per VM.
 */
final class PropertyRetriever {

  /** Properties read per managed object type. */
  static final String[][] PROPERTIES = {
    {"Folder", "name", "parent"},
    {"Datacenter", "name", "parent"},
    {"ComputeResource", "name", "parent"},
    {"ClusterComputeResource", "name", "parent"},
    {"HostSystem", "name", "parent"},
    {"Datastore", "name", "parent", "summary.capacity", "summary.freeSpace"},
    {
      "VirtualMachine",
      "name",
      "parent",
      "config.instanceUuid",
      "runtime.powerState",
      "config.guestFullName",
      "config.hardware.numCPU",
      "config.hardware.memoryMB",
      "runtime.host",
      "config.changeTrackingEnabled",
      "config.hardware.device",
      "config.template",
      "tag"
    }
  };

  /** One object's type and the properties that were set. */
  record Item(ManagedObjectReference ref, Map<String, Object> properties) {
    Object get(String name) {
      return properties.get(name);
    }

    String string(String name) {
      Object value = properties.get(name);
      return value == null ? null : value.toString();
    }

    String parentId() {
      Object parent = properties.get("parent");
      return parent instanceof ManagedObjectReference m ? m.getVal() : null;
    }
  }

  private PropertyRetriever() {}

  /** Every object reachable from the root folder, keyed by reference value. */
  static Map<String, Item> retrieveAll(ServiceInstance si) throws RemoteException {
    PropertyFilterSpec spec = new PropertyFilterSpec();
    spec.setPropSet(PropertyCollectorUtil.buildPropertySpecArray(PROPERTIES));
    ObjectSpec root = new ObjectSpec();
    root.setObj(si.getRootFolder().getMOR());
    root.setSkip(false);
    root.setSelectSet(traversal());
    spec.setObjectSet(new ObjectSpec[] {root});
    PropertyCollector collector = si.getPropertyCollector();
    Map<String, Item> items = new HashMap<>();
    RetrieveResult page =
        collector.retrievePropertiesEx(new PropertyFilterSpec[] {spec}, new RetrieveOptions());
    while (page != null) {
      for (ObjectContent content : nonNull(page.getObjects())) {
        items.put(content.getObj().getVal(), toItem(content));
      }
      page =
          page.getToken() == null ? null : collector.continueRetrievePropertiesEx(page.getToken());
    }
    return items;
  }

  private static Item toItem(ObjectContent content) {
    Map<String, Object> properties = new HashMap<>();
    if (content.getPropSet() != null) {
      for (DynamicProperty p : content.getPropSet()) {
        if (p.getVal() != null) {
          properties.put(p.getName(), PropertyCollectorUtil.convertProperty(p.getVal()));
        }
      }
    }
    return new Item(content.getObj(), properties);
  }

  private static ObjectContent[] nonNull(ObjectContent[] objects) {
    return objects == null ? new ObjectContent[0] : objects;
  }

  /** Folder -> children, datacenter -> its four folders, compute resource -> hosts. */
  private static SelectionSpec[] traversal() {
    List<SelectionSpec> specs = new ArrayList<>();
    specs.add(
        step(
            "folderChildren",
            "Folder",
            "childEntity",
            "folderChildren",
            "dcVm",
            "dcHost",
            "dcDs",
            "crHost"));
    specs.add(step("dcVm", "Datacenter", "vmFolder", "folderChildren"));
    specs.add(step("dcHost", "Datacenter", "hostFolder", "folderChildren"));
    specs.add(step("dcDs", "Datacenter", "datastoreFolder", "folderChildren"));
    specs.add(step("crHost", "ComputeResource", "host"));
    return specs.toArray(new SelectionSpec[0]);
  }

  private static TraversalSpec step(String name, String type, String path, String... next) {
    return PropertyCollectorUtil.createTraversalSpec(name, type, path, next);
  }
}
