package io.sendense.plugin.api.source;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A VM's configuration as recorded with a restore point, so that the VM can be created again from
 * the repository alone: identity and guest, firmware, CPU and memory, the disk controllers with
 * their bus numbers, each disk with its controller, unit number, capacity and provisioning, the
 * network adapters with their type and network, the annotation, and where the VM lived.
 *
 * @param name the VM's display name
 * @param guestId the hypervisor's guest OS identifier ("ubuntu64Guest", "windows2019srv_64Guest")
 * @param guestFullName the guest OS as shown to people, may be empty
 * @param firmware BIOS or EFI
 * @param cpus virtual CPUs
 * @param coresPerSocket cores per virtual socket (divides {@code cpus})
 * @param memoryMib memory in MiB
 * @param annotation the VM's notes, may be empty
 * @param hardwareVersion the virtual hardware version ("vmx-13"), may be empty when unknown
 * @param controllers the disk controllers, in device order
 * @param disks the virtual disks, in device order
 * @param nics the network adapters, in device order
 * @param placement where the VM lived when the point was taken
 */
public record VmConfiguration(
    String name,
    String guestId,
    String guestFullName,
    Firmware firmware,
    int cpus,
    int coresPerSocket,
    long memoryMib,
    String annotation,
    String hardwareVersion,
    List<Controller> controllers,
    List<Disk> disks,
    List<Nic> nics,
    VmPlacement placement) {

  /** How the VM boots. */
  public enum Firmware {
    BIOS,
    EFI
  }

  /** Kinds of disk controllers. */
  public enum ControllerType {
    IDE,
    SATA,
    NVME,
    PVSCSI,
    LSI_LOGIC,
    LSI_LOGIC_SAS,
    BUS_LOGIC
  }

  /** How a disk's space is allocated on the datastore. */
  public enum Provisioning {
    THIN,
    THICK_LAZY_ZEROED,
    THICK_EAGER_ZEROED
  }

  /** Kinds of virtual network adapters. */
  public enum NicType {
    VMXNET3,
    VMXNET2,
    VMXNET,
    E1000,
    E1000E,
    PCNET32
  }

  /**
   * A disk controller.
   *
   * @param key device key in the recorded VM; disks refer to it
   * @param type the controller's kind
   * @param busNumber bus number (the N of "SCSI controller N")
   * @param sharedBus SCSI bus sharing ("noSharing", "virtualSharing", "physicalSharing"), empty for
   *     other kinds
   */
  public record Controller(int key, ControllerType type, int busNumber, String sharedBus) {
    public Controller {
      Objects.requireNonNull(type, "type");
      sharedBus = sharedBus == null ? "" : sharedBus;
      if (busNumber < 0) {
        throw new IllegalArgumentException("Controller " + key + " has bus number " + busNumber);
      }
    }
  }

  /**
   * A virtual disk.
   *
   * @param key device key in the recorded VM, the same key the restore point's disks carry
   * @param label display label ("Hard disk 1")
   * @param controllerKey key of the {@link Controller} it is attached to
   * @param unitNumber unit number on that controller
   * @param capacityBytes size as the guest sees it
   * @param provisioning thin or thick
   * @param datastore datastore that held the disk, may be empty
   */
  public record Disk(
      int key,
      String label,
      int controllerKey,
      int unitNumber,
      long capacityBytes,
      Provisioning provisioning,
      String datastore) {
    public Disk {
      Objects.requireNonNull(provisioning, "provisioning");
      label = label == null ? "Disk " + key : label;
      datastore = datastore == null ? "" : datastore;
      if (capacityBytes <= 0 || unitNumber < 0) {
        throw new IllegalArgumentException(
            "Disk " + label + ": capacity " + capacityBytes + ", unit " + unitNumber);
      }
    }
  }

  /**
   * A network adapter.
   *
   * @param key device key in the recorded VM
   * @param label display label ("Network adapter 1")
   * @param type the adapter's kind
   * @param network name of the network (port group or distributed port group) it was connected to,
   *     may be empty when it had none
   * @param macAddress the MAC address it had, may be empty
   * @param startConnected whether it connects when the VM powers on
   */
  public record Nic(
      int key,
      String label,
      NicType type,
      String network,
      String macAddress,
      boolean startConnected) {
    public Nic {
      Objects.requireNonNull(type, "type");
      label = label == null ? "Network adapter " + key : label;
      network = network == null ? "" : network;
      macAddress = macAddress == null ? "" : macAddress;
    }
  }

  public VmConfiguration {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(firmware, "firmware");
    guestId = guestId == null ? "" : guestId;
    guestFullName = guestFullName == null ? "" : guestFullName;
    annotation = annotation == null ? "" : annotation;
    hardwareVersion = hardwareVersion == null ? "" : hardwareVersion;
    controllers = List.copyOf(controllers);
    disks = List.copyOf(disks);
    nics = List.copyOf(nics);
    placement = placement == null ? VmPlacement.UNKNOWN : placement;
    if (cpus < 1 || coresPerSocket < 1 || cpus % coresPerSocket != 0) {
      throw new IllegalArgumentException(
          "VM " + name + ": " + cpus + " CPUs cannot have " + coresPerSocket + " cores per socket");
    }
    if (memoryMib < 1) {
      throw new IllegalArgumentException("VM " + name + " has " + memoryMib + " MiB of memory");
    }
  }

  /** The disk with this key, if recorded. */
  public Optional<Disk> disk(int key) {
    return disks.stream().filter(d -> d.key() == key).findFirst();
  }

  /** The controller with this key, if recorded. */
  public Optional<Controller> controller(int key) {
    return controllers.stream().filter(c -> c.key() == key).findFirst();
  }

  /** Sum of the disks' capacities. */
  public long diskBytes() {
    return disks.stream().mapToLong(Disk::capacityBytes).sum();
  }

  /** The distinct network names the adapters were connected to, in adapter order. */
  public List<String> networks() {
    return nics.stream().map(Nic::network).filter(n -> !n.isEmpty()).distinct().toList();
  }
}
