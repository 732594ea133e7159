// TEST TOOLING, not product code: what VM restore tests need of the simulated vCenter.
//
//   - POST /sendense/uploads?vm=FOLDER&fail=BOOL&msPerMiB=N -> datastore uploads (PUT) into the
//     VM folder fail (HTTP 500) or are slowed down; GET /sendense/uploads?vm=FOLDER -> bytes received
//   - POST /sendense/datastores?name=DS&freeBytes=N -> the datastore reports N bytes free
//   - GET  /sendense/vm?name=NAME (or ?id=MOREF) -> the VM's hardware as vcsim holds it (an oracle independent
//     of the plugin): CPUs, cores, memory, guest, firmware, annotation, power state, extra
//     config, disks (file, capacity, controller kind, bus, unit, thin) and adapters (kind, network,
//     MAC address)
//   - POST /sendense/power?vm=NAME&state=poweredOff|poweredOn -> powers the VM off or on as a user
//     would: vcsim's own PowerOffVM_Task/PowerOnVM_Task through the vSphere API (a VM already in
//     that state is left alone); answers {"powerState": ...}
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/vmware/govmomi"
	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/types"
)

// sdkURL is the simulator's own SOAP endpoint with its user (set by main): the power hook goes
// through the vSphere API as any client does, so vcsim runs its real power tasks.
var sdkURL *url.URL

type uploadHooks struct {
	mu       sync.Mutex
	fail     map[string]bool
	slow     map[string]time.Duration
	received map[string]int64
}

var uploads = &uploadHooks{fail: map[string]bool{}, slow: map[string]time.Duration{}, received: map[string]int64{}}

// wrapUpload answers false when the upload must fail, else counts (and slows) what it receives.
func wrapUpload(w http.ResponseWriter, r *http.Request) bool {
	vm := vmOf(r.URL.Path)
	uploads.mu.Lock()
	defer uploads.mu.Unlock()
	if uploads.fail[vm] {
		_, _ = io.Copy(io.Discard, io.LimitReader(r.Body, 1<<20))
		http.Error(w, "upload failed (test hook)", http.StatusInternalServerError)
		return false
	}
	r.Body = &countingBody{ReadCloser: r.Body, vm: vm}
	return true
}

type countingBody struct {
	io.ReadCloser
	vm string
}

func (c *countingBody) Read(p []byte) (int, error) {
	n, err := c.ReadCloser.Read(p)
	uploads.mu.Lock()
	uploads.received[c.vm] += int64(n)
	delay := uploads.slow[c.vm] * time.Duration(n) / (1 << 20)
	uploads.mu.Unlock()
	if delay > 0 {
		time.Sleep(delay)
	}
	return n, err
}

func serveUploadHook(w http.ResponseWriter, r *http.Request) {
	vm := r.URL.Query().Get("vm")
	uploads.mu.Lock()
	defer uploads.mu.Unlock()
	if r.Method == http.MethodPost {
		uploads.fail[vm] = r.URL.Query().Get("fail") == "true"
		ms, _ := strconv.Atoi(r.URL.Query().Get("msPerMiB"))
		uploads.slow[vm] = time.Duration(ms) * time.Millisecond
	}
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, "{\"received\":%d}\n", uploads.received[vm])
}

func serveDatastoreHook(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	free, err := strconv.ParseInt(r.URL.Query().Get("freeBytes"), 10, 64)
	if r.Method != http.MethodPost || err != nil {
		http.Error(w, "POST with freeBytes", http.StatusBadRequest)
		return
	}
	for _, e := range simulator.Map.All("Datastore") {
		ds := e.(*simulator.Datastore)
		if ds.Name == name {
			simulator.Map.WithLock(ds, func() {
				ds.Summary.FreeSpace = free
				ds.Info.GetDatastoreInfo().FreeSpace = free
			})
			fmt.Fprintf(w, "{\"freeBytes\":%d}\n", free)
			return
		}
	}
	http.Error(w, "no such datastore", http.StatusNotFound)
}

type vmDisk struct {
	File       string `json:"file"`
	Capacity   int64  `json:"capacityBytes"`
	Controller string `json:"controller"`
	Bus        int32  `json:"bus"`
	Unit       int32  `json:"unit"`
	Thin       bool   `json:"thin"`
}

type vmNic struct {
	Kind    string `json:"kind"`
	Network string `json:"network"`
	MAC     string `json:"mac"`
}

func serveVMHook(w http.ResponseWriter, r *http.Request) {
	var vm *simulator.VirtualMachine
	if id := r.URL.Query().Get("id"); id != "" {
		vm = vmWithID(id)
	} else {
		vm = vmNamed(r.URL.Query().Get("name"))
	}
	if vm == nil {
		http.Error(w, "no such VM", http.StatusNotFound)
		return
	}
	out := map[string]interface{}{}
	simulator.Map.WithLock(vm, func() {
		hw := vm.Config.Hardware
		out["id"] = vm.Self.Value
		out["cpus"] = hw.NumCPU
		out["coresPerSocket"] = hw.NumCoresPerSocket
		out["memoryMB"] = hw.MemoryMB
		out["guestId"] = vm.Config.GuestId
		out["firmware"] = vm.Config.Firmware
		out["annotation"] = vm.Config.Annotation
		out["powerState"] = string(vm.Runtime.PowerState)
		out["vmPathName"] = vm.Config.Files.VmPathName
		extra := map[string]string{}
		for _, o := range vm.Config.ExtraConfig {
			v := o.GetOptionValue()
			extra[v.Key] = fmt.Sprint(v.Value)
		}
		out["extraConfig"] = extra
		controllers := map[int32]types.BaseVirtualDevice{}
		for _, d := range hw.Device {
			controllers[d.GetVirtualDevice().Key] = d
		}
		disks := []vmDisk{}
		nics := []vmNic{}
		for _, d := range hw.Device {
			switch x := d.(type) {
			case *types.VirtualDisk:
				disk := vmDisk{Capacity: x.CapacityInBytes, Unit: *x.UnitNumber}
				if b, ok := x.Backing.(*types.VirtualDiskFlatVer2BackingInfo); ok {
					disk.File = b.FileName
					disk.Thin = b.ThinProvisioned != nil && *b.ThinProvisioned
				}
				if c, ok := controllers[x.ControllerKey]; ok {
					disk.Controller = strings.TrimPrefix(fmt.Sprintf("%T", c), "*types.")
					disk.Bus = c.(types.BaseVirtualController).GetVirtualController().BusNumber
				}
				disks = append(disks, disk)
			case types.BaseVirtualEthernetCard:
				nic := vmNic{
					Kind: strings.TrimPrefix(fmt.Sprintf("%T", d), "*types."),
					MAC:  x.GetVirtualEthernetCard().MacAddress,
				}
				switch b := x.GetVirtualEthernetCard().Backing.(type) {
				case *types.VirtualEthernetCardNetworkBackingInfo:
					nic.Network = b.DeviceName
				case *types.VirtualEthernetCardDistributedVirtualPortBackingInfo:
					nic.Network = portgroupName(b.Port.PortgroupKey)
				}
				nics = append(nics, nic)
			}
		}
		out["disks"] = disks
		out["nics"] = nics
	})
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(out)
}

func vmWithID(id string) *simulator.VirtualMachine {
	for _, e := range simulator.Map.All("VirtualMachine") {
		if vm := e.(*simulator.VirtualMachine); vm.Self.Value == id {
			return vm
		}
	}
	return nil
}

func portgroupName(key string) string {
	for _, e := range simulator.Map.All("DistributedVirtualPortgroup") {
		pg := e.(*simulator.DistributedVirtualPortgroup)
		if pg.Key == key || pg.Self.Value == key {
			return pg.Name
		}
	}
	return key
}

func servePowerHook(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("vm")
	want := types.VirtualMachinePowerState(r.URL.Query().Get("state"))
	if r.Method != http.MethodPost ||
		(want != types.VirtualMachinePowerStatePoweredOff && want != types.VirtualMachinePowerStatePoweredOn) {
		http.Error(w, "POST with state=poweredOff or poweredOn", http.StatusBadRequest)
		return
	}
	found := vmNamed(name)
	if found == nil {
		http.Error(w, "no such VM", http.StatusNotFound)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), time.Minute)
	defer cancel()
	client, err := govmomi.NewClient(ctx, sdkURL, true)
	if err != nil {
		http.Error(w, "login: "+err.Error(), http.StatusInternalServerError)
		return
	}
	defer func() { _ = client.Logout(context.Background()) }()
	vm := object.NewVirtualMachine(client.Client, found.Self)
	state, err := vm.PowerState(ctx)
	if err == nil && state != want {
		var task *object.Task
		if want == types.VirtualMachinePowerStatePoweredOff {
			task, err = vm.PowerOff(ctx)
		} else {
			task, err = vm.PowerOn(ctx)
		}
		if err == nil {
			err = task.Wait(ctx)
		}
		if err == nil {
			state, err = vm.PowerState(ctx)
		}
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, "{\"powerState\":%q}\n", string(state))
}
