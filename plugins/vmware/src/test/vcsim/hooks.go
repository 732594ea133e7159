// TEST TOOLING, not product code: what system tests need of the simulated vCenter beyond the
// vSphere API the product uses.
//
//   - addDisks gives every VM extra thin disks (vcsim's VMs have one), each with its flat file.
//   - GET  /sendense/snapshots?vm=NAME            -> JSON list of the VM's snapshot names
//   - POST /sendense/snapshots?vm=NAME&name=SNAP  -> takes a snapshot as a user would
//   - POST /sendense/downloads?vm=NAME&fail=BOOL&msPerMiB=N -> datastore downloads of the VM's
//     files fail (HTTP 500) or are slowed down; GET /sendense/downloads?vm=NAME -> bytes served
package main

import (
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/types"
)

func addDisks(extra int, capacity int64) {
	if extra <= 0 {
		return
	}
	for _, e := range simulator.Map.All("VirtualMachine") {
		vm := e.(*simulator.VirtualMachine)
		var first *types.VirtualDisk
		maxKey := int32(0)
		for _, d := range vm.Config.Hardware.Device {
			if key := d.GetVirtualDevice().Key; key > maxKey {
				maxKey = key
			}
			if disk, ok := d.(*types.VirtualDisk); ok && first == nil {
				first = disk
			}
		}
		if first == nil {
			continue
		}
		base := first.Backing.(*types.VirtualDiskFlatVer2BackingInfo)
		dir := base.FileName[:strings.LastIndex(base.FileName, "/")+1]
		for i := 1; i <= extra; i++ {
			backing := *base
			backing.FileName = fmt.Sprintf("%sdisk%d.vmdk", dir, i+1)
			disk := *first
			disk.Backing = &backing
			disk.Key = maxKey + int32(i)
			unit := *first.UnitNumber + int32(i)
			disk.UnitNumber = &unit
			disk.CapacityInKB = capacity >> 10
			disk.CapacityInBytes = capacity
			vm.Config.Hardware.Device = append(vm.Config.Hardware.Device, &disk)
			f, err := os.Create(flatFile(backing.FileName))
			if err != nil {
				log.Fatal(err)
			}
			if err := f.Truncate(capacity); err != nil {
				log.Fatal(err)
			}
			f.Close()
		}
	}
}

// downloadHooks holds, per VM name, whether its datastore downloads fail, how slow they are, and
// how many bytes were served.
type downloadHooks struct {
	mu     sync.Mutex
	fail   map[string]bool
	slow   map[string]time.Duration
	served map[string]int64
}

var downloads = &downloadHooks{fail: map[string]bool{}, slow: map[string]time.Duration{}, served: map[string]int64{}}

// vmOf is the VM folder of a datastore download path: /folder/VMNAME/disk1-flat.vmdk.
func vmOf(path string) string {
	parts := strings.Split(strings.TrimPrefix(path, "/folder/"), "/")
	return parts[0]
}

// wrapDownload answers false when the download must fail, else counts (and slows) what it serves.
func wrapDownload(w http.ResponseWriter, r *http.Request) (http.ResponseWriter, bool) {
	vm := vmOf(r.URL.Path)
	downloads.mu.Lock()
	defer downloads.mu.Unlock()
	if downloads.fail[vm] {
		http.Error(w, "download failed (test hook)", http.StatusInternalServerError)
		return w, false
	}
	return &countingWriter{ResponseWriter: w, vm: vm}, true
}

type countingWriter struct {
	http.ResponseWriter
	vm string
}

func (c *countingWriter) Write(p []byte) (int, error) {
	downloads.mu.Lock()
	downloads.served[c.vm] += int64(len(p))
	delay := downloads.slow[c.vm] * time.Duration(len(p)) / (1 << 20)
	downloads.mu.Unlock()
	if delay > 0 {
		time.Sleep(delay)
	}
	return c.ResponseWriter.Write(p)
}

func serveDownloadHook(w http.ResponseWriter, r *http.Request) {
	vm := r.URL.Query().Get("vm")
	downloads.mu.Lock()
	defer downloads.mu.Unlock()
	if r.Method == http.MethodPost {
		downloads.fail[vm] = r.URL.Query().Get("fail") == "true"
		ms, _ := strconv.Atoi(r.URL.Query().Get("msPerMiB"))
		downloads.slow[vm] = time.Duration(ms) * time.Millisecond
	}
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, "{\"served\":%d}\n", downloads.served[vm])
}

func serveHook(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/sendense/downloads":
		serveDownloadHook(w, r)
		return
	case "/sendense/uploads":
		serveUploadHook(w, r)
		return
	case "/sendense/datastores":
		serveDatastoreHook(w, r)
		return
	case "/sendense/vm":
		serveVMHook(w, r)
		return
	case "/sendense/power":
		servePowerHook(w, r)
		return
	}
	if r.URL.Path != "/sendense/snapshots" {
		http.NotFound(w, r)
		return
	}
	vm := vmNamed(r.URL.Query().Get("vm"))
	if vm == nil {
		http.Error(w, "no such VM", http.StatusNotFound)
		return
	}
	if r.Method == http.MethodPost {
		vm.CreateSnapshotTask(&types.CreateSnapshot_Task{This: vm.Self, Name: r.URL.Query().Get("name")})
	}
	names := []string{}
	simulator.Map.WithLock(vm, func() {
		if vm.Snapshot != nil {
			names = snapshotNames(vm.Snapshot.RootSnapshotList, names)
		}
	})
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(names)
}

func vmNamed(name string) *simulator.VirtualMachine {
	for _, e := range simulator.Map.All("VirtualMachine") {
		if vm := e.(*simulator.VirtualMachine); vm.Name == name {
			return vm
		}
	}
	return nil
}

func snapshotNames(tree []types.VirtualMachineSnapshotTree, names []string) []string {
	for _, s := range tree {
		names = append(names, s.Name)
		names = snapshotNames(s.ChildSnapshotList, names)
	}
	return names
}
