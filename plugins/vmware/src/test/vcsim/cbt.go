// TEST TOOLING, not product code: QueryChangedDiskAreas for vcsim 0.24, with VMware's
// documented semantics, so the plugin's Changed Block Tracking path can be tested.
//
//   - Each snapshot of a VM with changeTrackingEnabled gets a changeId per disk, "<epoch>/<seq>",
//     stored in the snapshot's own config (backing.changeId); seq advances with each snapshot.
//   - The simulator records a 64-bit hash (hash/maphash, one seed per process) per 64 KiB block of
//     the disk's -flat file when the snapshot is taken, reading only the file's data (holes hash
//     as zero blocks); the changed areas since changeId X are the blocks whose hash differs from
//     X's. (SHA-256 ran at ~180 MB/s with Go 1.19 here: a 4 GiB disk's snapshot took half a
//     minute, a test-peer cost that vSphere does not have and that hid the product's own time.)
//   - changeId "*" returns the allocated areas (here: blocks that hold any non-zero byte).
//   - An unknown changeId, one from an earlier epoch (CBT turned off since) or a snapshot taken
//     without CBT gives a fault. Each answer covers at most maxSpan bytes, so callers must loop.
package main

import (
	"encoding/xml"
	"fmt"
	"hash/maphash"
	"net/http"
	"os"
	"strings"
	"sync"
	"syscall"

	"github.com/google/uuid"
	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
)

const blockSize = 64 << 10
const maxSpan = 16 << 20

type diskState struct {
	epoch  string
	seq    int
	active bool
	hashes map[string][]uint64 // changeId -> block hashes at that snapshot
}

type changeTracker struct {
	mu    sync.Mutex
	disks map[string]*diskState       // "vm-N/deviceKey"
	snaps map[string]map[int32]string // snapshot moref value -> deviceKey -> changeId
	caps  map[string]map[int32]int64  // snapshot moref value -> deviceKey -> capacity
}

func newChangeTracker() *changeTracker {
	return &changeTracker{disks: map[string]*diskState{}, snaps: map[string]map[int32]string{}, caps: map[string]map[int32]int64{}}
}

func (t *changeTracker) Reference() types.ManagedObjectReference {
	return types.ManagedObjectReference{Type: "SendenseChangeTracker", Value: "cbt"}
}
func (t *changeTracker) UpdateObject(mo.Reference, []types.PropertyChange) {}
func (t *changeTracker) RemoveObject(types.ManagedObjectReference)         {}

// PutObject sees every new snapshot (vcsim calls it synchronously inside CreateSnapshot_Task).
func (t *changeTracker) PutObject(item mo.Reference) {
	snap, ok := item.(*simulator.VirtualMachineSnapshot)
	if !ok {
		return
	}
	vm := simulator.Map.Get(snap.Vm).(*simulator.VirtualMachine)
	enabled := vm.Config.ChangeTrackingEnabled != nil && *vm.Config.ChangeTrackingEnabled
	t.mu.Lock()
	defer t.mu.Unlock()
	ids, caps := map[int32]string{}, map[int32]int64{}
	devices := make([]types.BaseVirtualDevice, len(snap.Config.Hardware.Device))
	for i, d := range snap.Config.Hardware.Device {
		devices[i] = d
		disk, isDisk := d.(*types.VirtualDisk)
		if !isDisk {
			continue
		}
		copyDisk := *disk // vcsim shares device structs between VM and snapshot: copy
		backing := *disk.Backing.(*types.VirtualDiskFlatVer2BackingInfo)
		state := t.disk(vm.Self.Value, disk.Key)
		state.active = state.active && enabled
		if enabled {
			if !state.active {
				state.epoch, state.seq, state.active = uuid.New().String(), 0, true
			}
			state.seq++
			backing.ChangeId = fmt.Sprintf("%s/%d", state.epoch, state.seq)
			state.hashes[backing.ChangeId] = hashBlocks(flatFile(backing.FileName), disk.CapacityInBytes)
		}
		copyDisk.Backing = &backing
		devices[i] = &copyDisk
		ids[disk.Key], caps[disk.Key] = backing.ChangeId, disk.CapacityInBytes
	}
	snap.Config.Hardware.Device = devices
	t.snaps[snap.Self.Value], t.caps[snap.Self.Value] = ids, caps
}

func (t *changeTracker) disk(vm string, key int32) *diskState {
	id := fmt.Sprintf("%s/%d", vm, key)
	if t.disks[id] == nil {
		t.disks[id] = &diskState{hashes: map[string][]uint64{}}
	}
	return t.disks[id]
}

// resetFromReconfigure ends the epoch of every disk of a VM whose CBT is turned off.
func (t *changeTracker) resetFromReconfigure(body []byte) {
	var env struct {
		This string `xml:"Body>ReconfigVM_Task>_this"`
	}
	if xml.Unmarshal(body, &env) != nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	for id, state := range t.disks {
		if strings.HasPrefix(id, env.This+"/") {
			state.active = false
		}
	}
}

var seed = maphash.MakeSeed()

var zeroBlock = maphash.Bytes(seed, make([]byte, blockSize))

const seekData, seekHole = 3, 4 // lseek whence values of Linux

func hashBlocks(file string, capacity int64) []uint64 {
	f, err := os.Open(file)
	if err != nil {
		return nil
	}
	defer f.Close()
	hashes := make([]uint64, (capacity+blockSize-1)/blockSize)
	for i := range hashes {
		hashes[i] = zeroBlock
	}
	buf := make([]byte, blockSize)
	fd := int(f.Fd())
	for pos := int64(0); pos < capacity; {
		data, err := syscall.Seek(fd, pos, seekData)
		if err != nil { // ENXIO: only a hole (or nothing) after pos
			break
		}
		hole, err := syscall.Seek(fd, data, seekHole)
		if err != nil {
			hole = capacity
		}
		b := data / blockSize * blockSize
		for ; b < hole && b < capacity; b += blockSize {
			n, _ := f.ReadAt(buf, b)
			for j := n; j < blockSize; j++ {
				buf[j] = 0
			}
			hashes[b/blockSize] = maphash.Bytes(seed, buf)
		}
		pos = b
	}
	return hashes
}

type query struct {
	This        string `xml:"Body>QueryChangedDiskAreas>_this"`
	Snapshot    string `xml:"Body>QueryChangedDiskAreas>snapshot"`
	DeviceKey   int32  `xml:"Body>QueryChangedDiskAreas>deviceKey"`
	StartOffset int64  `xml:"Body>QueryChangedDiskAreas>startOffset"`
	ChangeId    string `xml:"Body>QueryChangedDiskAreas>changeId"`
}

func (t *changeTracker) serveQuery(w http.ResponseWriter, r *http.Request, body []byte) {
	var q query
	if _, err := r.Cookie("vmware_soap_session"); err != nil {
		writeFault(w, "NotAuthenticated", "not logged in")
		return
	}
	if err := xml.Unmarshal(body, &q); err != nil {
		writeFault(w, "InvalidRequest", err.Error())
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	current := t.snaps[q.Snapshot][q.DeviceKey]
	state := t.disks[fmt.Sprintf("%s/%d", q.This, q.DeviceKey)]
	if current == "" || state == nil {
		writeFault(w, "FileFault", "change tracking was not enabled on this disk when the snapshot was taken")
		return
	}
	now := state.hashes[current]
	var base []uint64
	if q.ChangeId != "*" {
		base = state.hashes[q.ChangeId]
		if base == nil || !strings.HasPrefix(q.ChangeId, state.epoch+"/") {
			writeFault(w, "InvalidArgument", "unknown or reset changeId "+q.ChangeId)
			return
		}
	}
	writeAreas(w, q.StartOffset, t.caps[q.Snapshot][q.DeviceKey], now, base)
}

func writeAreas(w http.ResponseWriter, start, capacity int64, now, base []uint64) {
	first := start / blockSize
	end := first + maxSpan/blockSize
	if end > int64(len(now)) {
		end = int64(len(now))
	}
	var areas strings.Builder
	for b := first; b < end; {
		if !changed(now, base, b) {
			b++
			continue
		}
		run := b
		for run < end && changed(now, base, run) {
			run++
		}
		length := (run - b) * blockSize
		if run*blockSize > capacity {
			length = capacity - b*blockSize
		}
		fmt.Fprintf(&areas, "<changedArea><start>%d</start><length>%d</length></changedArea>", b*blockSize, length)
		b = run
	}
	span := end*blockSize - first*blockSize
	if end*blockSize > capacity {
		span = capacity - first*blockSize
	}
	writeEnvelope(w, http.StatusOK, fmt.Sprintf(`<QueryChangedDiskAreasResponse xmlns="urn:vim25"><returnval>`+
		`<startOffset>%d</startOffset><length>%d</length>%s</returnval></QueryChangedDiskAreasResponse>`,
		first*blockSize, span, areas.String()))
}

func changed(now, base []uint64, b int64) bool {
	if base == nil {
		return now[b] != zeroBlock
	}
	return b >= int64(len(base)) || now[b] != base[b]
}

func writeFault(w http.ResponseWriter, kind, msg string) {
	writeEnvelope(w, http.StatusInternalServerError, fmt.Sprintf(`<soapenv:Fault><faultcode>ServerFaultCode</faultcode>`+
		`<faultstring>%s</faultstring><detail><%sFault xmlns="urn:vim25" xsi:type="%s"></%sFault></detail></soapenv:Fault>`,
		msg, kind, kind, kind))
}

func writeEnvelope(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	w.WriteHeader(status)
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" `+
		`xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`+
		`<soapenv:Body>%s</soapenv:Body></soapenv:Envelope>`, body)
}
