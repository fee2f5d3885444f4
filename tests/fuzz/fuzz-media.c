// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz-media.c - libFuzzer harness for the whole load path.
 *
 * Input: byte 0 is a control byte, the rest is the start of a namespace
 * (info-block at 4096, label area after it).  Reads past the input fail
 * with -EIO, as do reads of the sector named by byte 1 when control bit 2
 * is set; bit 3 loads as the checker does (DXL_LOAD_SCAN).  Control bit 0
 * reseals the info-block checksum, bit 1 the CRCs of both copies found
 * through it.  Whatever loads must decode, a commit of the loaded set (on
 * a private copy) must load back the same, and a live writer's set
 * written over whatever the media then holds (dxl_commit_plan_over())
 * must load back as written.
 */
#include <stdint.h>
#include <stdlib.h>

#include "../../format/dxl_format.h"
#include "../../lib/store.h"
#include "../support/memmedia.h"
#include "fuzz-common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * The live writer's set written over whatever the media holds (format
 * 4.1): once both copies are written, a load returns exactly it.
 */
static void check_plan_over(struct memmedia *m, u32 flags)
{
	static u8 ibuf[DXL_INFO_SIZE], out[FUZZ_COPY_SIZE];
	static u8 copy0[FUZZ_COPY_SIZE], copy1[FUZZ_COPY_SIZE];
	static u8 scratch[FUZZ_SCRATCH_SIZE];
	void *bufs[DXL_COPIES] = { copy0, copy1 };
	struct dxl_set ours = { .generation = 1 };
	struct dxl_commit_plan plan;
	struct dxl_set_info info;
	struct dxl_verdict v;
	struct dxl_load ld;
	struct dl_store st;

	if (dxl_load_geometry(&memmedia_ops, m, 0, flags, ibuf, &ld) ||
	    dxl_copy_size(&ld.geo) > FUZZ_COPY_SIZE)
		return;
	/* any outcome: the copies' states are what the plan reads */
	dxl_load_copies(&memmedia_ops, m, &ld, bufs, sizeof(copy0), scratch,
			sizeof(scratch));
	if (dxl_commit_plan_over(&ld, &ours, &plan))
		return;
	if (dxl_set_encode(&ours, &ld.geo, plan.generation, out, sizeof(out),
			   scratch, sizeof(scratch), &info, &v))
		abort();
	/* a write past the input fails: nothing to check */
	if (dxl_commit_write(&memmedia_ops, m, &ld, &plan, out, &info))
		return;
	if (dl_store_open(&st, &memmedia_ops, m, 0, flags) || st.set.nr_devs ||
	    st.set.generation != plan.generation)
		abort();
	dl_store_close(&st);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct memmedia m;
	struct dl_store st, again;
	struct dxl_geometry geo;
	struct dxl_verdict v;
	struct dxl_set keep;
	u32 flags;
	u8 ctl, bad;
	int rc;

	if (size < 2 || size - 2 > FUZZ_MEDIA_MAX)
		return 0;
	ctl = data[0];
	bad = data[1];
	if (memmedia_init(&m, size - 2))
		abort();
	memcpy(m.bytes, data + 2, size - 2);
	if (ctl & 4)
		memmedia_bad_sector(&m, bad);
	if ((ctl & 1) && m.size >= DXL_INFO_OFFSET + DXL_INFO_SIZE) {
		struct dxl_info_block *ib = (void *)(m.bytes + DXL_INFO_OFFSET);

		ib->checksum = cpu_to_le64(dxl_info_checksum(ib));
		if ((ctl & 2) && !dxl_info_validate(ib, DXL_INFO_SIZE, 0, &geo,
						     &v) &&
		    dxl_copy_size(&geo) <= FUZZ_COPY_SIZE) {
			unsigned int i;

			for (i = 0; i < DXL_COPIES; i++) {
				u64 off = dxl_copy_offset(&geo, i);

				if (off < m.size)
					fuzz_reseal(m.bytes + off,
						    (size_t)(m.size - off));
			}
		}
	}
	/* refuse label areas the harness would have to allocate hugely */
	if (m.size >= DXL_INFO_OFFSET + DXL_INFO_SIZE &&
	    !dxl_info_validate(m.bytes + DXL_INFO_OFFSET, DXL_INFO_SIZE, 0, &geo,
			       &v) && dxl_copy_size(&geo) > FUZZ_COPY_SIZE) {
		memmedia_free(&m);
		return 0;
	}
	flags = (ctl & 8) ? DXL_LOAD_SCAN : 0;
	{
		/* whatever the geometry comes from, keep allocations small */
		static u8 ibuf[DXL_INFO_SIZE];
		struct dxl_load probe;

		if (!dxl_load_geometry(&memmedia_ops, &m, 0, flags, ibuf, &probe) &&
		    dxl_copy_size(&probe.geo) > FUZZ_COPY_SIZE) {
			memmedia_free(&m);
			return 0;
		}
	}
	rc = dl_store_open(&st, &memmedia_ops, &m, 0, flags);
	if (!rc && dxl_copy_size(&st.ld.geo) <= FUZZ_COPY_SIZE &&
	    !dl_set_copy(&keep, &st.set)) {
		/*
		 * Commit what was read; it must read back identically when
		 * loaded the same way (a set found by the checker's scan behind
		 * an invalid info-block is, rightly, not found by a plain load).
		 */
		if (!dl_store_commit(&st, &keep, &v)) {
			if (dl_store_open(&again, &memmedia_ops, &m, 0, flags) ||
			    !dl_set_equal(&again.set, &keep))
				abort();
			dl_store_close(&again);
		}
		dl_set_free(&keep);
	}
	dl_store_close(&st);
	/* a bad sector stays bad when written: the reads after would fail */
	if (!(ctl & 4))
		check_plan_over(&m, flags);
	memmedia_free(&m);
	return 0;
}
