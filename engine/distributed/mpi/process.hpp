// SPDX-License-Identifier: MIT
// The distributor of this process: over MPI_COMM_WORLD when an MPI launcher (mpirun,
// srun) started it, this process alone otherwise. The only header of the engine whose
// implementation talks to MPI; it is built into its own library (bitsig_mpi), so programs
// that embed the engine do not link MPI.
#pragma once

#include "distributed/distributor.hpp"

namespace bitsig {

/// True when the environment says an MPI launcher started this process (Open MPI's
/// OMPI_COMM_WORLD_SIZE, PMIx's PMIX_RANK, MPICH/Slurm PMI's PMI_RANK).
bool started_by_mpi_launcher();
/// This process's rank as the launcher's environment says it (before MPI starts); -1
/// when no launcher says.
long mpi_launcher_rank();

/// The process-wide distributor (MPI is initialised on its first collective call and
/// finalised at exit). Ranks other than 0 have their stderr sent to /dev/null from the
/// first call on: rank 0 reports for everyone. BITSIG_FAIL_RANK=R makes rank R fail on its
/// first item (a test hook); BITSIG_MPI_STATS=1 prints what each run moved on stderr.
Distributor& process_distributor();

}  // namespace bitsig
