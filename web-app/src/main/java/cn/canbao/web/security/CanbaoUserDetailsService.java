package cn.canbao.web.security;

import java.time.Clock;
import java.time.Instant;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

import cn.canbao.web.user.AppUserRepository;

@Service
class CanbaoUserDetailsService implements UserDetailsService {

    private final AppUserRepository users;
    private final Clock clock;

    CanbaoUserDetailsService(AppUserRepository users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return users.findByUsername(username).map(user -> new CurrentUser(user, Instant.now(clock)))
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }
}
