package cn.canbao.web.security;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

import cn.canbao.web.user.AppUserRepository;

@Service
class CanbaoUserDetailsService implements UserDetailsService {

    private final AppUserRepository users;

    CanbaoUserDetailsService(AppUserRepository users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return users.findByUsername(username).map(CurrentUser::new)
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }
}
