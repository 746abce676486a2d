package cn.canbao.web.user;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface AppUserRepository extends JpaRepository<AppUser, Long> {

    Optional<AppUser> findByUsername(String username);

    boolean existsByUsername(String username);

    /** The users bound to a region or below it ({@code prefix} from {@link cn.canbao.region.RegionCode#prefix()}). */
    List<AppUser> findByRegionCodeStartingWithOrderByRegionCodeAscUsernameAsc(String prefix);
}
